package org.referraldecisions.service;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Reads the JSON text of one decision request into a tree, strictly: UTF-8 only (overlong forms, encoded
 * surrogates and stray bytes are refused, not repaired), no duplicate keys, nothing after the value, and a
 * bounded depth and field-name length (Jackson's {@link StreamReadConstraints}). A problem becomes a
 * {@link FieldError} at the field where reading stopped ({@link JsonErrors}).
 */
final class JsonInput {

    /** A decision request is four levels deep; anything far deeper is not one. */
    static final int MAX_DEPTH = 32;
    /** The longest field name in the contract is under 40 characters. */
    static final int MAX_NAME_CHARS = 256;

    static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNameLength(MAX_NAME_CHARS).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // checked here, to say so in the service's words
            .build();

    private JsonInput() {
    }

    /** The request in {@code bytes[offset, offset + length)} as a tree, or an {@link InvalidRequestException} saying where it is broken. */
    static JsonNode read(byte[] bytes, int offset, int length) {
        int start = offset;
        if (length >= 3 && bytes[offset] == (byte) 0xEF && bytes[offset + 1] == (byte) 0xBB && bytes[offset + 2] == (byte) 0xBF) {
            start += 3; // a UTF-8 byte order mark: RFC 8259 lets a reader ignore it
        }
        CharBuffer text = CharBuffer.allocate(offset + length - start); // UTF-8 never has more characters than bytes
        ByteBuffer in = ByteBuffer.wrap(bytes, start, offset + length - start);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder(); // reports malformed input rather than replacing it
        CoderResult result = utf8.decode(in, text, true);
        if (!result.isError()) {
            result = utf8.flush(text);
        }
        text.flip();
        if (result.isError()) {
            throw invalid(JsonErrors.notUtf8(text, in.position() - offset));
        }
        if (text.chars().allMatch(Character::isWhitespace)) {
            throw invalid(new FieldError(JsonPath.ROOT, "is empty: send a decision request as a JSON object"));
        }
        try (JsonParser parser = JSON.createParser(text.toString())) {
            JsonNode tree;
            try {
                tree = JSON.readTree(parser);
            } catch (JacksonException e) {
                throw invalid(JsonErrors.syntaxError(e, parser, 0, null));
            }
            FieldError trailing = trailing(parser, "request");
            if (trailing != null) {
                throw invalid(trailing);
            }
            return tree;
        }
    }

    /**
     * One JSON value read from a parser: the tree; or the error that stopped it, with its cause (then the
     * parser cannot go on); or too large (then it was skipped and the parser can go on).
     */
    record Value(JsonNode tree, FieldError error, boolean tooLarge, JacksonException cause) {
    }

    /**
     * Reads a value from {@code parser}: the next one if {@code advance}, else the one whose first token is
     * current. The whole value is read, every string decoded, so a problem is found while its field is
     * current. {@code outerSteps} leading steps of the parser's path are outside this value (1 for an item of
     * a batch array). A value longer than {@code maxChars} characters is skipped, not built, and reported as
     * too large.
     */
    static Value readValue(JsonParser parser, boolean advance, int outerSteps, long maxChars) {
        JsonToken last = null;
        try {
            JsonToken token = advance ? parser.nextToken() : parser.currentToken();
            if (token == null) {
                return new Value(null, new FieldError(JsonPath.ROOT, "is empty: send a decision request as a JSON object"), false, null);
            }
            long start = parser.currentTokenLocation().getCharOffset();
            TokenBuffer buffer = TokenBuffer.forBuffering(parser, parser.objectReadContext());
            int depth = 0;
            while (true) {
                buffer.copyCurrentEvent(parser); // decodes strings now, so a broken one is found while its field is current
                last = token;
                depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
                if (parser.currentLocation().getCharOffset() - start > maxChars) {
                    skipRest(parser, depth);
                    return new Value(null, null, true, null);
                }
                if (depth == 0) {
                    break;
                }
                token = parser.nextToken();
            }
            try (JsonParser tokens = buffer.asParser(parser.objectReadContext())) {
                return new Value(JSON.readTree(tokens), null, false, null);
            }
        } catch (JacksonException e) {
            return new Value(null, JsonErrors.syntaxError(e, parser, outerSteps, last), false, e);
        }
    }

    private static void skipRest(JsonParser parser, int depth) {
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
        }
    }

    /** An error if anything but white space follows the value just read. */
    static FieldError trailing(JsonParser parser, String what) {
        TokenStreamLocation at = parser.currentLocation();
        try {
            if (parser.nextToken() == null) {
                return null;
            }
            at = parser.currentTokenLocation();
        } catch (JacksonException e) {
            at = e.getLocation() == null ? at : e.getLocation();
        }
        return new FieldError(JsonPath.ROOT, "has more after the end of the " + what + JsonErrors.where(at) + ": send exactly one JSON value");
    }

    private static InvalidRequestException invalid(FieldError error) {
        return new InvalidRequestException(List.of(error));
    }
}
