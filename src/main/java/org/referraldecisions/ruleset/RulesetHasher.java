package org.referraldecisions.ruleset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The SHA-256 identity of a rule set: every file's path and content, the rule set's own first and
 * then each include in manifest order, the DRL files of each by name. Equal hashes mean the same rules
 * decided the case, in any run of the service.
 */
final class RulesetHasher {

    private RulesetHasher() {
    }

    static String sha256(RulesetFiles own, List<RulesetFiles> includes) {
        MessageDigest digest = newDigest();
        add(digest, own);
        includes.forEach(include -> add(digest, include));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void add(MessageDigest digest, RulesetFiles files) {
        String prefix = files.manifest().area() + "/" + files.manifest().version() + "/";
        entry(digest, prefix + RulesetReader.MANIFEST, files.manifestText());
        for (Map.Entry<String, String> drl : files.drl().entrySet()) { // in name order: RulesetFiles keeps them sorted
            entry(digest, prefix + drl.getKey(), drl.getValue());
        }
    }

    private static void entry(MessageDigest digest, String path, String content) {
        byte[] pathBytes = path.getBytes(StandardCharsets.UTF_8);
        byte[] contentBytes = content.getBytes(StandardCharsets.UTF_8);
        // Length-prefixed so that no two different file sets can produce the same byte stream.
        digest.update((pathBytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(pathBytes);
        digest.update((contentBytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(contentBytes);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
