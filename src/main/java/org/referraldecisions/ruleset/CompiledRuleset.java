package org.referraldecisions.ruleset;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;
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
    private final List<RuleInfo> rules;
    private final Map<String, RuleInfo> rulesByQualifiedName;
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
        this.rules = List.copyOf(rules);
        this.rulesByQualifiedName = rules.stream().collect(Collectors.toUnmodifiableMap(
                r -> packageOfRule.get(r.name()) + "." + r.name(), Function.identity()));
    }

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
     * A stateless session for one decision, run on a pooled working memory: Drools resets it when the
     * session ends, so nothing of one decision is seen by the next. Listeners added to the returned
     * session are attached for its executions only.
     */
    public StatelessKieSession newSession() {
        return sessions.newStatelessKieSession();
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

    /** The rule with this package and name, as Drools reports it when it fires. */
    public RuleInfo rule(String packageName, String ruleName) {
        RuleInfo info = rulesByQualifiedName.get(packageName + "." + ruleName);
        if (info == null) {
            throw new IllegalStateException("fired rule not in the compiled rule set: " + packageName + "." + ruleName);
        }
        return info;
    }
}
