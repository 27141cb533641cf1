package org.referraldecisions.decision.facts;

/** Risk of serious harm levels used by MAPPA (Cleveland Appendix 5). */
public enum RiskOfSeriousHarm {
    LOW, MEDIUM, HIGH, VERY_HIGH
}
