package org.referraldecisions.ruleset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.KieSession;
import org.referraldecisions.calendar.MaracCalendar;

/**
 * A rule set ready to decide cases: its manifest, the SHA-256 of its content (and of what it
 * includes), the immutable {@link KieBase} compiled from its DRL and its includes, and what is known
 * of each rule for the trace. Shared by every decision; never modified after construction.
 */
public final class CompiledRuleset {

    private final Manifest manifest;
    private final String sha256;
    private final KieBase kieBase;
    private final KieSessionsPool sessions;
    private final KieSessionConfiguration sessionConfiguration;
    private final List<RuleInfo> rules;
    /** Each rule's place in a trace, worked out once rather than by comparing names at every decision. */
    private final Map<RuleInfo, Integer> traceOrder;
    /** Package name, then rule name: looked up at every firing, so without building a qualified name. */
    private final Map<String, Map<String, RuleInfo>> rulesByPackage;
    private final List<RulesetFiles> files;
    private final Parameters parameters;
    private final MaracCalendar calendar;

    CompiledRuleset(Manifest manifest, String sha256, KieBase kieBase, List<RuleInfo> rules, Map<String, String> packageOfRule,
                    List<RulesetFiles> files, Parameters parameters, MaracCalendar calendar) {
        this.parameters = parameters;
        this.calendar = calendar;
        this.manifest = manifest;
        this.files = List.copyOf(files);
        this.sha256 = sha256;
        this.kieBase = kieBase;
        // Building a session's node memories costs more than evaluating the rules; Drools' own pool keeps
        // sessions and resets them (facts, memories, agenda, listeners, globals) each time one is given back.
        this.sessions = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
        // A pooled session serves one decision on one thread at a time (the pool hands it over safely), so it
        // needs none of Drools' own locking and queueing of inserts between threads.
        this.sessionConfiguration = KieServices.get().newKieSessionConfiguration();
        this.sessionConfiguration.setOption(ThreadSafeOption.NO);
        this.rules = List.copyOf(rules);
        List<RuleInfo> inTraceOrder = new ArrayList<>(this.rules);
        inTraceOrder.sort(TRACE_ORDER);
        this.traceOrder = new IdentityHashMap<>();
        for (int i = 0; i < inTraceOrder.size(); i++) {
            traceOrder.put(inTraceOrder.get(i), i);
        }
        this.rulesByPackage = rules.stream().collect(Collectors.groupingBy(r -> packageOfRule.get(r.name()),
                Collectors.toUnmodifiableMap(RuleInfo::name, Function.identity())));
    }

    /**
     * The order a trace lists firings in: by phase (salience, highest first), then rule set and rule name.
     * Rules of one phase never depend on each other's conclusions, so any order among them is a valid firing
     * order; Drools may pick a different one in another JVM, and a replay must be identical.
     */
    private static final Comparator<RuleInfo> TRACE_ORDER = Comparator
            .comparingInt((RuleInfo r) -> -r.salience())
            .thenComparing(r -> r.ruleset().toString())
            .thenComparing(RuleInfo::name);

    public RulesetId id() {
        return manifest.id();
    }

    public Manifest manifest() {
        return manifest;
    }

    public String sha256() {
        return sha256;
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /**
     * A working memory for one decision, from the pool: the caller inserts the facts, fires the rules and
     * disposes of it (always, in a {@code finally}), which gives it back to the pool reset, so nothing of one
     * decision is seen by the next. Listeners added to it are removed by that reset.
     */
    public KieSession pooledSession() {
        return sessions.newKieSession(sessionConfiguration);
    }

    /**
     * The files this rule set was compiled from, its own first and then each include in manifest order:
     * exactly what its {@link #sha256()} covers, so it can be archived and compiled again.
     */
    public List<RulesetFiles> files() {
        return files;
    }

    /** The figures policy owners may revise: this rule set's own parameters, then those of what it includes. */
    public Parameters parameters() {
        return parameters;
    }

    /**
     * The area's MARAC meetings and the bank holidays its working days skip, a fact in every decision's session
     * ({@link MaracCalendar#NONE} for a library, and meetings empty for an area without calendar files).
     */
    public MaracCalendar calendar() {
        return calendar;
    }

    /** Every rule in the rule set, its includes' rules too, in the order they are listed to policy owners. */
    public List<RuleInfo> rules() {
        return rules;
    }

    /** This rule's place in a trace (see {@link #TRACE_ORDER}): lower is listed first. */
    public int traceOrder(RuleInfo rule) {
        Integer order = traceOrder.get(rule);
        if (order == null) {
            throw new IllegalArgumentException("rule not in " + id() + ": " + rule.name());
        }
        return order;
    }

    /** The rule with this package and name, as Drools reports it when it fires. */
    public RuleInfo rule(String packageName, String ruleName) {
        Map<String, RuleInfo> ofPackage = rulesByPackage.get(packageName);
        RuleInfo info = ofPackage == null ? null : ofPackage.get(ruleName);
        if (info == null) {
            throw new IllegalStateException("fired rule not in the compiled rule set: " + packageName + "." + ruleName);
        }
        return info;
    }
}
