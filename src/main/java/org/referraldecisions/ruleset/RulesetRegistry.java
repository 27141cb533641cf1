package org.referraldecisions.ruleset;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the catalogue decisions are made against. A decision reads the catalogue once and uses that
 * snapshot throughout, so a swap during a decision never mixes two rule sets.
 */
public final class RulesetRegistry {

    private final AtomicReference<RulesetCatalog> current;

    public RulesetRegistry(RulesetCatalog initial) {
        this.current = new AtomicReference<>(initial);
    }

    public RulesetCatalog current() {
        return current.get();
    }

    public void swap(RulesetCatalog next) {
        current.set(next);
    }
}
