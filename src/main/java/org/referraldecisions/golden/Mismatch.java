package org.referraldecisions.golden;

/** One way a decision differs from a golden case: the field, what the case expects and what was decided. */
public record Mismatch(String field, String expected, String actual) {

    /** The field of the mismatch when the rule set was stopped at a rule limit (it loops) instead of deciding. */
    public static final String RULE_LIMITS = "rule limits";

    @Override
    public String toString() {
        if (field.equals(RULE_LIMITS)) {
            return actual;
        }
        return field + ": expected " + expected + " but was " + actual;
    }
}
