package org.referraldecisions.decision.facts;

/** Forms of abuse that change how a case is heard: honour-based violence, forced marriage, FGM. */
public record SafeguardingContext(boolean honourBasedViolence, boolean forcedMarriage, boolean femaleGenitalMutilation) {
}
