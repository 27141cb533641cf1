package org.referraldecisions.service;

/**
 * A request, or part of one, is over a size limit and was not read past it: reported as 413 naming the
 * limit ({@code limit}, as configured under {@code referrals.limits}) and its figure.
 */
public class RequestTooLargeException extends RuntimeException {

    private final String limit;
    private final long maximum;

    public RequestTooLargeException(String limit, long maximum, String message) {
        super(message, null, false, false);
        this.limit = limit;
        this.maximum = maximum;
    }

    /** The limit's name under {@code referrals.limits}, e.g. {@code request-size}. */
    public String limit() {
        return limit;
    }

    public long maximum() {
        return maximum;
    }
}
