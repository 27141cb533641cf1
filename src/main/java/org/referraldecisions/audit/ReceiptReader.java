package org.referraldecisions.audit;

import java.util.ArrayList;
import java.util.List;

import org.referraldecisions.service.DecisionResponseV1;
import tools.jackson.databind.JsonNode;

/**
 * Reads receipts handed back for verification: one receipt, a decision response carrying one (as received), or an
 * array of either, or NDJSON lines of either (the command line's {@code --receipt FILE}).
 */
final class ReceiptReader {

    private ReceiptReader() {
    }

    static List<DecisionResponseV1.Receipt> read(JsonNode node) {
        List<DecisionResponseV1.Receipt> receipts = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                receipts.add(one(node.get(i), "[" + i + "]"));
            }
        } else {
            receipts.add(one(node, "the body"));
        }
        return receipts;
    }

    private static DecisionResponseV1.Receipt one(JsonNode node, String where) {
        JsonNode r = node.has("receipt") ? node.path("receipt") : node;
        JsonNode c = r.path("checkpoint");
        if (!r.isObject() || !c.isObject()) {
            throw new IllegalArgumentException(where + " is neither a receipt nor a decision response with a receipt");
        }
        for (String field : List.of("decisionId", "seq", "requestSha256", "responseSha256", "recordHash")) {
            if (!r.has(field)) {
                throw new IllegalArgumentException(where + ": the receipt has no " + field);
            }
        }
        for (String field : List.of("keyId", "logId", "firstSeq", "lastSeq", "treeRoot", "headHash", "keyedFrom", "signedAt", "signature")) {
            if (!c.has(field)) {
                throw new IllegalArgumentException(where + ": the receipt's checkpoint has no " + field);
            }
        }
        List<String> proof = new ArrayList<>();
        r.path("inclusionProof").forEach(p -> proof.add(p.asString()));
        return new DecisionResponseV1.Receipt(r.path("decisionId").asString(), r.path("seq").asLong(), r.path("requestSha256").asString(),
                r.path("responseSha256").asString(), r.path("recordHash").asString(), proof,
                new DecisionResponseV1.Checkpoint(c.path("keyId").asString(), c.path("logId").asString(), c.path("firstSeq").asLong(), c.path("lastSeq").asLong(),
                        c.path("treeRoot").asString(), c.path("headHash").asString(), c.path("keyedFrom").asLong(),
                        c.path("signedAt").asString(), c.path("signature").asString()));
    }
}
