package org.referraldecisions.service;

/**
 * How much of a request the service will read: the body, each list and the free text, and how many errors
 * one refusal lists. Everything past a limit is refused, never truncated, so memory per request is bounded
 * and nothing is half-decided. Configured as {@code referrals.limits.*} (README "Limits").
 *
 * @param requestBytes   one decision request: the body of {@code POST /v1/decisions}, one NDJSON line, one item of a batch array
 * @param batchBytes     the body of {@code POST /v1/decisions/batch}
 * @param policeIncidents most entries in {@code policeIncidents}
 * @param dashAnswers    most entries in {@code dash.answers}
 * @param grounds        most entries in {@code professionalJudgement.grounds}
 * @param incidentTypes  most entries in {@code currentIncident.types}
 * @param rationaleChars most characters in {@code professionalJudgement.rationale}
 * @param errors         most errors listed in one refusal; the rest are counted
 */
public record RequestLimits(long requestBytes, long batchBytes, int policeIncidents, int dashAnswers, int grounds,
                            int incidentTypes, int rationaleChars, int errors) {

    /** The defaults, as in application.properties. */
    public static final RequestLimits DEFAULTS = new RequestLimits(128 * 1024, 16 * 1024 * 1024, 1000, 64, 20, 20, 4000, 100);

    public RequestLimits {
        if (requestBytes < 1 || batchBytes < 1 || policeIncidents < 0 || dashAnswers < 0 || grounds < 0 || incidentTypes < 0
                || rationaleChars < 0 || errors < 1) {
            throw new IllegalArgumentException("referrals.limits: sizes must be positive and counts not negative");
        }
    }
}
