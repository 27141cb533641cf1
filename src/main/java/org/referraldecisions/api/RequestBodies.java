package org.referraldecisions.api;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import org.referraldecisions.service.RequestTooLargeException;

/**
 * Reads a request body no further than its limit. A body that declares a larger {@code Content-Length} is
 * refused before a byte of it is read; one sent without a length (chunked) is read up to the limit and one
 * byte more, and refused there. Servlet containers have no such limit for bodies other than forms.
 */
final class RequestBodies {

    static final String REQUEST_SIZE = "referrals.limits.request-size";
    static final String BATCH_SIZE = "referrals.limits.batch-size";

    private RequestBodies() {
    }

    /** Refuses a body whose declared length is over {@code max}. */
    static void checkDeclaredLength(HttpServletRequest request, long max, String limit) {
        if (request.getContentLengthLong() > max) {
            throw tooLarge(max, limit);
        }
    }

    /** The whole body, at most {@code max} bytes. */
    static byte[] read(HttpServletRequest request, long max, String limit) throws IOException {
        checkDeclaredLength(request, max, limit);
        byte[] body = request.getInputStream().readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 16));
        if (body.length > max) {
            throw tooLarge(max, limit);
        }
        return body;
    }

    private static RequestTooLargeException tooLarge(long max, String limit) {
        return new RequestTooLargeException(limit, max, "the request body is larger than " + max + " bytes, the limit "
                + limit + "; it was not read and nothing was decided");
    }
}
