package org.referraldecisions.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The keyed record hash ("v2"): HMAC-SHA256, under the chain key derived from the signing key, of the same
 * length-prefixed fields the unkeyed "v1" hash ({@link DecisionRecord#computeHash()}) covers: identity, time, case
 * reference, rule set, duration, the SHA-256 of the plaintext request and response, and the previous record's hash.
 * Bodies enter only through their hashes, so they can be compressed, encrypted or shredded without touching the chain;
 * a database writer without the key cannot recompute it, so a re-chained edit fails at the record edited.
 */
final class RecordKeying {

    private RecordKeying() {
    }

    static String keyedHash(DecisionRecord r, SigningKey key) {
        byte[] mac = key.chainMac(content(r));
        if (mac == null) {
            throw new IllegalStateException("key " + key.keyId() + " has no private half, so it cannot key records");
        }
        return HexFormat.of().formatHex(mac);
    }

    private static byte[] content(DecisionRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        for (String field : new String[] {"v2", Long.toString(r.seq()), r.decisionId(), r.decidedAt().toString(), r.caseRef(),
                r.rulesetArea(), r.rulesetVersion(), r.rulesetSha256(), Long.toString(r.durationMicros()), r.requestSha256(),
                r.responseSha256(), r.prevHash()}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            // Length-prefixed, so no two different records give the same byte stream.
            out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
