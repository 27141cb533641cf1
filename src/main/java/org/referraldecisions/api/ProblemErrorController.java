package org.referraldecisions.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}), in place of Spring Boot's: errors raised before a controller
 * is reached (a URL the firewall refuses, an exception in a filter) come back as problem+json with
 * {@code type} and {@code code} like every other. Asked for directly, {@code /error} is not an endpoint: 404.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer s && s >= 400 && s <= 599 ? s : 404;
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status >= 500 && failure instanceof Throwable t) {
            log.error("{} failed before reaching the API", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), t);
        }
        ProblemDetail problem = Problems.problem(HttpStatusCode.valueOf(status), Problems.codeFor(status), Problems.titleFor(status),
                detail(status));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static String detail(int status) {
        return switch (status) {
            case 400 -> "the request could not be read: its URL, headers or body are malformed or not allowed";
            case 404 -> "there is no endpoint at this path; see /v3/api-docs";
            case 405 -> "this endpoint does not take this method";
            case 413 -> "the request is too large";
            case 414 -> "the URL is too long";
            case 431 -> "the request headers are too large";
            default -> status >= 500 ? "the service failed to answer this request; it has been logged" : Problems.titleFor(status);
        };
    }
}
