package org.referraldecisions.ruleset;

import java.time.LocalDate;

/**
 * A protocol document a rule set implements, as its manifest lists it: the short name its citations begin
 * with ({@code Cleveland} in "Cleveland 8.2.6"), the document, the date the document states for itself,
 * and whether it is national (only national documents may be a library's sources). {@code cite} and
 * {@code dated} are null for a source listed by file name alone, which lint reports.
 */
public record Source(String cite, String document, LocalDate dated, boolean national) {

    /** Whether a citation such as "Cleveland 8.2.6" names this document. */
    public boolean isCitedBy(String citation) {
        return cite != null && (citation.equals(cite) || citation.startsWith(cite + " "));
    }
}
