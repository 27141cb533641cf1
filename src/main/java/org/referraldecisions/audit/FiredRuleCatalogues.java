package org.referraldecisions.audit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.referraldecisions.ruleset.CompiledRuleset;

/**
 * The {@link FiredRuleCatalogue} of each rule set the log has met, by SHA-256: made from the rule set that decided
 * when a decision is logged, and from the rule set archive when a record of a rule set not loaded here is read.
 */
final class FiredRuleCatalogues {

    private final RulesetArchive archive;
    private final Map<String, FiredRuleCatalogue> bySha = new ConcurrentHashMap<>();

    FiredRuleCatalogues(RulesetArchive archive) {
        this.archive = archive;
    }

    FiredRuleCatalogue of(CompiledRuleset ruleset) {
        FiredRuleCatalogue catalogue = bySha.get(ruleset.sha256());
        if (catalogue == null) {
            catalogue = FiredRuleCatalogue.of(ruleset);
            bySha.putIfAbsent(ruleset.sha256(), catalogue);
        }
        return catalogue;
    }

    /** The catalogue of the rule set with this hash; {@link SealedBodies.UnreadableBodyException} if it cannot be had. */
    FiredRuleCatalogue of(String rulesetSha256) {
        FiredRuleCatalogue catalogue = bySha.get(rulesetSha256);
        if (catalogue != null) {
            return catalogue;
        }
        CompiledRuleset ruleset;
        try {
            ruleset = archive.load(rulesetSha256).orElseThrow(() -> new SealedBodies.UnreadableBodyException(
                    "its rule set " + rulesetSha256 + " is not in the rule set archive, so its fired rules cannot be named"));
        } catch (RulesetArchive.ArchiveTamperedException e) {
            throw new SealedBodies.UnreadableBodyException("its rule set cannot be brought back: " + e.getMessage());
        }
        return of(ruleset);
    }
}
