package org.referraldecisions.service;

import java.util.List;

/**
 * The request was not decided because these fields are wrong. Always reported as 400, never as 500. At most
 * a configured number of errors are kept ({@link RequestLimits#errors()}), the first in the document; the
 * rest are only counted, so a request with thousands of bad fields does not get a reply many times its size.
 */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;
    private final int notShown;

    public InvalidRequestException(List<FieldError> errors) {
        this(errors, Integer.MAX_VALUE);
    }

    /** {@code errors} in the order to report them, of which the first {@code max} are kept. */
    public InvalidRequestException(List<FieldError> errors, int max) {
        super(errors.size() + " invalid field(s): " + errors.stream().limit(Math.min(max, 10)).map(FieldError::field).toList()
                + (errors.size() > Math.min(max, 10) ? "…" : ""), null, false, false);
        this.errors = List.copyOf(errors.size() > max ? errors.subList(0, max) : errors);
        this.notShown = Math.max(0, errors.size() - max);
    }

    /** The errors reported, first in the document first. */
    public List<FieldError> errors() {
        return errors;
    }

    /** How many more errors there are than {@link #errors()} lists. */
    public int notShown() {
        return notShown;
    }
}
