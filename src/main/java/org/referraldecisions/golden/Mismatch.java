package org.referraldecisions.golden;

/** One way a decision differs from a golden case: the field, what the case expects and what was decided. */
public record Mismatch(String field, String expected, String actual) {

    @Override
    public String toString() {
        return field + ": expected " + expected + " but was " + actual;
    }
}
