package org.referraldecisions.api;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The API's problem+json (RFC 9457): every error carries {@code type}
 * ({@code urn:referral-decisions:problem:<code>}) and the stable {@code code} clients depend on. Codes for
 * errors of a status rather than of the service (an unknown path, a wrong method) come from the status.
 */
final class Problems {

    static final String INVALID_REQUEST = "invalid_request";
    static final String REQUEST_TOO_LARGE = "request_too_large";
    static final String INTERNAL_ERROR = "internal_error";

    private static final Map<Integer, String> BY_STATUS = Map.ofEntries(
            Map.entry(400, "bad_request"), Map.entry(401, "unauthenticated"), Map.entry(403, "forbidden"),
            Map.entry(404, "not_found"), Map.entry(405, "method_not_allowed"), Map.entry(406, "not_acceptable"),
            Map.entry(408, "request_timeout"), Map.entry(409, "conflict"), Map.entry(410, "gone"),
            Map.entry(413, REQUEST_TOO_LARGE), Map.entry(414, "uri_too_long"), Map.entry(415, "unsupported_media_type"),
            Map.entry(422, "unprocessable"), Map.entry(429, "too_many_requests"), Map.entry(431, "headers_too_large"),
            Map.entry(500, INTERNAL_ERROR), Map.entry(501, "not_implemented"), Map.entry(503, "unavailable"),
            Map.entry(505, "http_version_not_supported"));

    private Problems() {
    }

    static ProblemDetail problem(HttpStatusCode status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        typed(problem, code);
        return problem;
    }

    /** Gives a problem its {@code type} and {@code code}. */
    static ProblemDetail typed(ProblemDetail problem, String code) {
        problem.setType(URI.create("urn:referral-decisions:problem:" + code));
        problem.setProperty("code", code);
        return problem;
    }

    /** The code of an error known only by its status. */
    static String codeFor(int status) {
        return BY_STATUS.getOrDefault(status, status >= 500 ? INTERNAL_ERROR : "http_" + status);
    }

    /** The status's reason phrase, as a problem's title. */
    static String titleFor(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error " + status : known.getReasonPhrase();
    }
}
