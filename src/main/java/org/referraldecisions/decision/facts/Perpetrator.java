package org.referraldecisions.decision.facts;

/** The person causing the harm, as far as the domestic-abuse definition needs to know. */
public record Perpetrator(int age) {
}
