package org.referraldecisions.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One row of the decision log. {@link #computeHash()} covers the identity, rule set and timing of the
 * decision, the <em>hashes</em> of the request and response bodies, and the previous record's hash: the
 * bodies can be purged under the retention period and the chain still verifies.
 */
record DecisionRecord(
        long seq,
        String decisionId,
        Instant decidedAt,
        String caseRef,
        String rulesetArea,
        String rulesetVersion,
        String rulesetSha256,
        long durationMicros,
        String requestJson,
        String responseJson,
        String requestSha256,
        String responseSha256,
        Instant purgedAt,
        String prevHash,
        String recordHash) {

    /** The SHA-256 of this record's canonical content (everything above except the bodies, purgedAt and recordHash). */
    String computeHash() {
        MessageDigest digest = Sha256.digest();
        for (String field : new String[] {"v1", Long.toString(seq), decisionId, decidedAt.toString(), caseRef, rulesetArea,
                rulesetVersion, rulesetSha256, Long.toString(durationMicros), requestSha256, responseSha256, prevHash}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            // Length-prefixed, so no two different records give the same byte stream.
            digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    boolean purged() {
        return requestJson == null && responseJson == null;
    }
}
