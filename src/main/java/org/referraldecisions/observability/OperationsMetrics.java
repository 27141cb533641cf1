package org.referraldecisions.observability;

import java.util.List;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RulesetRegistry;

/**
 * The service's other operational metrics: batch sizes ({@code referrals.batch.size}), reloads accepted and
 * refused ({@code referrals.reloads}), and the rule sets serving ({@code referrals.rulesets.loaded}: one
 * gauge of value 1 per rule set, tagged {@code ruleset=area@version}, {@code sha256} (first 12 hex digits) and
 * {@code kind}), refreshed at start-up and on every accepted reload.
 */
public final class OperationsMetrics {

    private final MeterRegistry registry;
    private final RulesetRegistry rulesets;
    private final DistributionSummary batchSizes;
    private final MultiGauge loaded;

    public OperationsMetrics(MeterRegistry registry, RulesetRegistry rulesets) {
        this.registry = registry;
        this.rulesets = rulesets;
        this.batchSizes = DistributionSummary.builder("referrals.batch.size").description("items in one batch request").baseUnit("items")
                .serviceLevelObjectives(1, 10, 100, 1_000, 10_000).register(registry);
        this.loaded = MultiGauge.builder("referrals.rulesets.loaded").description("rule sets serving now (1 each)").register(registry);
        rulesetsChanged();
    }

    public void batch(int items) {
        batchSizes.record(items);
    }

    public void reload(boolean accepted) {
        registry.counter("referrals.reloads", "outcome", accepted ? "accepted" : "refused").increment();
        if (accepted) {
            rulesetsChanged();
        }
    }

    /** Re-registers one row per rule set serving now; rows of rule sets swapped out go. */
    public void rulesetsChanged() {
        List<MultiGauge.Row<?>> rows = rulesets.current().all().stream()
                .map(r -> MultiGauge.Row.of(Tags.of("ruleset", r.id().toString(), "sha256", prefix(r), "kind",
                        r.manifest().library() ? "library" : "area"), 1))
                .<MultiGauge.Row<?>>map(row -> row).toList();
        loaded.register(rows, true);
    }

    private static String prefix(CompiledRuleset r) {
        return r.sha256().substring(0, Math.min(12, r.sha256().length()));
    }
}
