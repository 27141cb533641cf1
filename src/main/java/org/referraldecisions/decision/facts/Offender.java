package org.referraldecisions.decision.facts;

/**
 * What is known of the perpetrator as an offender, for MAPPA. Every field may be {@code null}: not known
 * to the caller. An unknown fact matches neither {@code == true} nor {@code == false} in a rule, so it never
 * counts as "no"; the rules warn where an unknown fact could change the decision. {@code mappaLevel} is the
 * level the offender is managed at now (0 when not managed under MAPPA): a fact, not proof of eligibility.
 * {@code custodialSentenceMonths} is 0 when there was no custodial sentence.
 */
public record Offender(
        Boolean registeredSexOffender,
        Boolean relevantViolentOrSexualConviction,
        Integer custodialSentenceMonths,
        Boolean hospitalOrGuardianshipOrder,
        Boolean convictionOrCaution,
        Boolean underStatutorySupervision,
        RiskOfSeriousHarm riskOfSeriousHarm,
        Integer mappaLevel,
        ManagingAgency managingAgency) {
}
