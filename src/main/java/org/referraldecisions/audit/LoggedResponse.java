package org.referraldecisions.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.referraldecisions.service.DecisionResponseV1;
import tools.jackson.databind.json.JsonMapper;

/**
 * A response as the decision log stores it: its JSON with an empty {@code firedRules} list (the skeleton), and the
 * fired rules as numbers in the rule set's {@link FiredRuleCatalogue}. Nothing is stored twice: a fired rule's name,
 * citations and explanation are the rule set's, archived once. The response's text is the skeleton with the
 * catalogue's JSON of each rule spliced into that list, byte for byte what the service's JSON writer makes of the
 * whole response (checked by {@code LoggedResponseTests} on every golden case), so its SHA-256 is taken from the
 * splice without Jackson writing the response out a second time, and checked again whenever the text is rebuilt.
 */
record LoggedResponse(String skeleton, int[] rules) {

    private static final byte[] EMPTY_LIST = "\"firedRules\":[]".getBytes(StandardCharsets.UTF_8);
    private static final byte COMMA = ',';

    /**
     * The response split for the log, or null if one of its fired rules is not in the catalogue (then the log stores
     * the response whole).
     */
    static LoggedResponse of(DecisionResponseV1 response, JsonMapper json, FiredRuleCatalogue catalogue) {
        List<DecisionResponseV1.FiredRule> fired = response.firedRules();
        int[] numbers = new int[fired.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = catalogue.numberOf(fired.get(i));
            if (numbers[i] < 0) {
                return null;
            }
        }
        return new LoggedResponse(json.writeValueAsString(response.withFiredRules(List.of())), numbers);
    }

    /** The SHA-256 (hex) of the response's text. */
    String sha256(FiredRuleCatalogue catalogue) {
        return HexFormat.of().formatHex(Sha256.digest().digest(bytes(catalogue)));
    }

    /** The response's text: the skeleton with each fired rule's JSON in its list. */
    String text(FiredRuleCatalogue catalogue) {
        return new String(bytes(catalogue), StandardCharsets.UTF_8);
    }

    private byte[] bytes(FiredRuleCatalogue catalogue) {
        byte[] skeletonBytes = skeleton.getBytes(StandardCharsets.UTF_8);
        int at = insertionPoint(skeletonBytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream(skeletonBytes.length + rules.length * 256);
        out.write(skeletonBytes, 0, at);
        for (int i = 0; i < rules.length; i++) {
            if (rules[i] < 0 || rules[i] >= catalogue.size()) {
                throw new SealedBodies.UnreadableBodyException("the stored body names fired rule " + rules[i] + ", which its rule set does not have");
            }
            if (i > 0) {
                out.write(COMMA);
            }
            out.writeBytes(catalogue.json(rules[i]));
        }
        out.write(skeletonBytes, at, skeletonBytes.length - at);
        return out.toByteArray();
    }

    /**
     * Just inside the brackets of {@code "firedRules":[]}. Inside a JSON string every quotation mark is escaped, so
     * the first occurrence of that text is the field itself, never part of a value such as a case reference.
     */
    private static int insertionPoint(byte[] skeleton) {
        outer:
        for (int i = 0; i <= skeleton.length - EMPTY_LIST.length; i++) {
            for (int j = 0; j < EMPTY_LIST.length; j++) {
                if (skeleton[i + j] != EMPTY_LIST[j]) {
                    continue outer;
                }
            }
            return i + EMPTY_LIST.length - 1;
        }
        throw new SealedBodies.UnreadableBodyException("the stored response has no fired-rules list");
    }
}
