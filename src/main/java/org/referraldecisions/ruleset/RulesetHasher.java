package org.referraldecisions.ruleset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The SHA-256 identity of a rule set: every file's path and content, the rule set's own first and
 * then each include in manifest order, the DRL files of each by name, then an area's data files (the bank
 * holidays and its MARAC calendar, by their path under the rules directory). Equal hashes mean the same rules
 * and the same dates decided the case, in any run of the service: a coordinator's calendar edit gives every
 * version of the area a new hash, as it can change the meeting a case is listed at.
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
        for (Map.Entry<String, String> data : files.data().entrySet()) { // sorted too; paths under the rules directory
            entry(digest, data.getKey(), data.getValue());
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
