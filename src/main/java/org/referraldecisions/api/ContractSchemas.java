package org.referraldecisions.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.service.FieldError;

/**
 * Shapes the OpenAPI document describes that no controller returns as a Java type: the problem+json body
 * of every error ({@link ProblemHandler}, {@link ProblemSecurityHandler}, {@link ProblemErrorController}) and
 * the batch response {@link BatchController} writes a result at a time. The contract test holds the live
 * responses to these shapes, so they cannot drift from what is written.
 */
final class ContractSchemas {

    private ContractSchemas() {
    }

    @Schema(name = "Problem", description = "An error (RFC 9457 problem details, application/problem+json). Clients branch on code, "
            + "never on title or detail.")
    record Problem(
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "urn:referral-decisions:problem:<code>",
                    pattern = "^urn:referral-decisions:problem:[a-z0-9_]+$", example = "urn:referral-decisions:problem:invalid_request")
            String type,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "short summary for people", example = "Invalid request")
            String title,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "the HTTP status", minimum = "400", maximum = "599", example = "400")
            int status,
            @Schema(description = "what was wrong, for people (never internals)", example = "1 field(s) are invalid; nothing was decided")
            String detail,
            @Schema(description = "the request path") String instance,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "stable machine-readable code (docs/CONTRACT.md \"Errors\")",
                    pattern = "^[a-z0-9_]+$", example = "invalid_request")
            String code,
            @Schema(description = "invalid_request: every offending field, first in the document first, at most "
                    + "referrals.limits.errors of them")
            List<FieldError> errors,
            @Schema(description = "invalid_request: how many more offending fields were found and not listed", minimum = "1")
            Integer errorsNotShown,
            @Schema(description = "request_too_large: the limit exceeded, e.g. referrals.limits.request-size") String limit,
            @Schema(description = "request_too_large: the limit's value (bytes)", minimum = "0") Long maximum,
            @Schema(description = "reload_refused: each file:line, failing golden case or looping rule") List<String> problems,
            @Schema(description = "reload_refused: golden cases run", minimum = "0") Integer casesRun,
            @Schema(description = "reload_refused: golden cases passed", minimum = "0") Integer casesPassed) {
    }

    @Schema(name = "BatchResponse", description = "One result per item, in request order")
    record BatchResponse(@Schema(requiredMode = RequiredMode.REQUIRED) List<BatchResult> results) {
    }

    @Schema(name = "BatchResult", description = "One item's outcome: status 200 and the decision, or an error status with "
            + "code and errors (as the single-decision endpoint would have answered)")
    record BatchResult(
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "0-based position of the item in the request", minimum = "0")
            int index,
            @Schema(description = "NDJSON only: 1-based line number of the item", minimum = "1") Integer line,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "200, or the status the item would have had on its own",
                    example = "200")
            int status,
            @Schema(description = "status 200: the decision, recorded in the decision log") DecisionResponseV1 decision,
            @Schema(description = "status not 200: the error code, as in Problem.code", pattern = "^[a-z0-9_]+$") String code,
            @Schema(description = "status not 200: the offending fields (paths within the item)") List<FieldError> errors,
            @Schema(description = "more offending fields found and not listed", minimum = "1") Integer errorsNotShown) {
    }
}
