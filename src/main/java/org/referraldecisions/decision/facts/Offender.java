package org.referraldecisions.decision.facts;

/**
 * What is known of the perpetrator as an offender, for MAPPA. {@code mappaLevel} is the level the
 * offender is currently managed at (0 when not managed under MAPPA); {@code custodialSentenceMonths}
 * is 0 when there was no custodial sentence.
 */
public record Offender(
        boolean registeredSexOffender,
        boolean relevantViolentOrSexualConviction,
        int custodialSentenceMonths,
        boolean hospitalOrGuardianshipOrder,
        boolean convictionOrCaution,
        boolean underStatutorySupervision,
        RiskOfSeriousHarm riskOfSeriousHarm,
        int mappaLevel,
        ManagingAgency managingAgency) {
}
