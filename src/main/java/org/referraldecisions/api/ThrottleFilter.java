package org.referraldecisions.api;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses every request of a throttled client with {@code 429} problem+json ({@code code}
 * {@code throttled}) and {@code Retry-After}, before its credentials are looked at. Health stays open.
 */
final class ThrottleFilter extends OncePerRequestFilter {

    private final FailedAuthentications failures;

    ThrottleFilter(FailedAuthentications failures) {
        this.failures = failures;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> wait = failures.throttled(request);
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        response.setHeader("Retry-After", Long.toString(seconds));
        ProblemSecurityHandler.write(response, 429, "throttled", "Too many failed authentications",
                "too many failed authentications from this address; try again in " + seconds + " s", request);
    }
}
