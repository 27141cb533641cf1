package org.referraldecisions.observability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RulesetRegistry;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/** {@code /actuator/info} {@code rulesets}: every rule set serving now, with its SHA-256, effective dates and rule count. */
public final class RulesetInfo implements InfoContributor {

    private final RulesetRegistry registry;

    public RulesetInfo(RulesetRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void contribute(Info.Builder builder) {
        List<Map<String, Object>> rulesets = registry.current().all().stream().map(RulesetInfo::describe).toList();
        builder.withDetail("rulesets", rulesets);
    }

    private static Map<String, Object> describe(CompiledRuleset r) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("ruleset", r.id().toString());
        info.put("kind", r.manifest().library() ? "library" : "area");
        info.put("sha256", r.sha256());
        info.put("effectiveFrom", r.manifest().effectiveFrom());
        info.put("effectiveTo", r.manifest().effectiveTo());
        info.put("rules", r.rules().size());
        return info;
    }
}
