package org.referraldecisions.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as {@code application/problem+json} with the API's stable codes: {@code unauthenticated}
 * (no key or token, or one not recognised) and {@code forbidden} (recognised, without the role needed).
 * Every 401 is recorded with the {@link FailedAuthentications}.
 */
final class ProblemSecurityHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FailedAuthentications failures;

    ProblemSecurityHandler(FailedAuthentications failures) {
        this.failures = failures;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        failures.record(request);
        response.setHeader("WWW-Authenticate", "Bearer");
        write(response, 401, "unauthenticated", "Authentication required",
                "send Authorization: Bearer <API key or token>; none was sent, or it is not recognised", request);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        write(response, 403, "forbidden", "Forbidden", "your key or token does not carry the role this endpoint needs", request);
    }

    static void write(HttpServletResponse response, int status, String code, String title, String detail,
                              HttpServletRequest request) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:referral-decisions:problem:" + code);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        problem.put("code", code);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), problem);
    }
}
