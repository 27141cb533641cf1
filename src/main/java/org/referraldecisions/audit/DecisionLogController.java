package org.referraldecisions.audit;

import java.util.Base64;
import java.util.List;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The decision log's own endpoints: its public keys (open to anyone, so a receipt can be checked offline) and the
 * audit of who read it (for reviewers and policy administrators).
 */
@RestController
class DecisionLogController {

    /**
     * A public key as a JWK (RFC 8037: {@code kty} OKP, {@code crv} Ed25519, {@code x} the raw key, base64url), with its
     * id as checkpoints name it, whether it signs now ({@code active}) or only verifies what it signed ({@code retired}),
     * and the same key as PEM.
     */
    record PublicKey(String kid, String kty, String crv, String alg, String use, String x, String status, String pem) {
    }

    record Keys(List<PublicKey> keys) {
    }

    record Reads(List<ReadAudit.Entry> reads) {
    }

    private static final int MAX_READS = 1000;

    private final KeyRing keys;
    private final ReadAudit audit;

    DecisionLogController(KeyRing keys, ReadAudit audit) {
        this.keys = keys;
        this.audit = audit;
    }

    @Operation(summary = "The decision log's public keys (JWK, Ed25519), by key id: check a receipt's or a checkpoint's signature offline")
    @GetMapping("/v1/decision-log/keys")
    Keys keys() {
        return new Keys(keys.all().stream().map(k -> new PublicKey(k.keyId(), "OKP", "Ed25519", "EdDSA", "sig",
                Base64.getUrlEncoder().withoutPadding().encodeToString(k.rawPublicKey()), keys.isActive(k) ? "active" : "retired",
                k.publicPem())).toList());
    }

    @Operation(summary = "Who read, listed, exported, replayed or verified which logged decisions, and when; newest first "
            + "(at most 1000; actor= one key id or subject). No case data")
    @GetMapping("/v1/decision-log/reads")
    Reads reads(@RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String actor) {
        if (limit < 1 || limit > MAX_READS) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "limit must be 1 to " + MAX_READS);
            problem.setTitle("Invalid limit");
            problem.setType(URI.create("urn:referral-decisions:problem:invalid_parameter"));
            problem.setProperty("code", "invalid_parameter");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        return new Reads(audit.newest(limit, actor));
    }
}
