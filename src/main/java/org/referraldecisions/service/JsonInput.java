package org.referraldecisions.service;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Reads the JSON text of one decision request into a tree, strictly: UTF-8 only (overlong forms, encoded
 * surrogates and stray bytes are refused, not repaired), no duplicate keys, nothing after the value, and a
 * bounded depth and field-name length (Jackson's {@link StreamReadConstraints}). A problem becomes a
 * {@link FieldError} at the field where reading stopped, in the service's own words: Jackson's messages
 * name its classes and features, which mean nothing to a caller.
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
            throw invalid(notUtf8(text, in.position() - offset));
        }
        if (text.chars().allMatch(Character::isWhitespace)) {
            throw invalid(new FieldError(JsonPath.ROOT, "is empty: send a decision request as a JSON object"));
        }
        try (JsonParser parser = JSON.createParser(text.toString())) {
            JsonNode tree;
            try {
                tree = JSON.readTree(parser);
            } catch (JacksonException e) {
                throw invalid(syntaxError(e, parser, 0, null));
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
            return new Value(null, syntaxError(e, parser, outerSteps, last), false, e);
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
        return new FieldError(JsonPath.ROOT, "has more after the end of the " + what + where(at) + ": send exactly one JSON value");
    }

    /** Input that is not UTF-8 at {@code badByte}: named at the field being read there, found by reading the text before it. */
    private static FieldError notUtf8(CharBuffer before, int badByte) {
        String path = JsonPath.ROOT;
        boolean inName = false;
        try (JsonParser parser = JSON.createParser(before.toString())) {
            JsonToken last = null;
            try {
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    last = token;
                    parser.finishToken(); // after a field name, this decodes the string value that follows it
                }
            } catch (UnexpectedEndOfInputException e) {
                TokenStreamContext context = parser.streamReadContext();
                inName = context.inObject() && last != JsonToken.PROPERTY_NAME;
                path = path(context, !inName, 0);
            } catch (JacksonException e) {
                return syntaxError(e, parser, 0, null); // the text is broken before the bad byte: that comes first
            }
        }
        return new FieldError(path, (inName ? "has a field name that is" : "is") + " not valid UTF-8 (byte " + badByte
                + " of the request): send UTF-8 text, without overlong or surrogate forms");
    }

    /**
     * What stopped the parser, at the field it was reading. {@code last} is the last token read completely, if
     * known: after a value (not a field name), a failure in an object is in the next field's name.
     */
    static FieldError syntaxError(JacksonException e, JsonParser parser, int outerSteps, JsonToken last) {
        TokenStreamContext context = parser.streamReadContext();
        String path = path(context, true, outerSteps);
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String at = where(e.getLocation());
        if (e instanceof JacksonIOException && e.getCause() instanceof StrictUtf8Reader.NotUtf8 notUtf8) {
            boolean inName = last != null && context.inObject() && last != JsonToken.PROPERTY_NAME;
            return new FieldError(inName ? path(context, false, outerSteps) : path, (inName ? "has a field name that is" : "is")
                    + " not valid UTF-8 (byte " + notUtf8.byteOffset() + " of the body): send UTF-8 text, without overlong or surrogate forms");
        }
        if (e instanceof StreamConstraintsException) {
            if (message.startsWith("Name length")) {
                return new FieldError(path(context, false, outerSteps), "has a field name longer than " + MAX_NAME_CHARS + " characters");
            }
            if (message.startsWith("Document nesting depth")) {
                return new FieldError(path, "is nested more than " + MAX_DEPTH + " levels deep; a decision request is not");
            }
            if (message.startsWith("Number value length")) {
                return new FieldError(path, "is a number with too many digits");
            }
            return new FieldError(path, "is too large to read" + at);
        }
        if (message.startsWith("Duplicate Object property")) {
            return new FieldError(path, "appears more than once; give each field once" + at);
        }
        String reason = e instanceof UnexpectedEndOfInputException ? "the request ends before this value is complete"
                : reason(message);
        return new FieldError(path, "is not valid JSON: " + reason + at);
    }

    /** What is wrong, from Jackson's message, in words of the JSON standard and never in Jackson's own. */
    private static String reason(String message) {
        List<String[]> known = List.of(
                new String[] {"Non-standard token", "NaN and Infinity are not JSON numbers"},
                new String[] {"comment", "JSON has no comments"},
                new String[] {"Illegal unquoted character", "a control character in a string must be escaped"},
                new String[] {"Unrecognized character escape", "a backslash in a string starts an escape it cannot start"},
                new String[] {"Invalid numeric value", "not a JSON number"},
                new String[] {"Leading zeroes", "a JSON number has no leading zeroes"},
                new String[] {"numeric value", "not a JSON number"},
                new String[] {"Unrecognized token", "a word that is not JSON: strings need double quotes"},
                new String[] {"to start property name", "expected a field name in double quotes"},
                new String[] {"to start field name", "expected a field name in double quotes"},
                new String[] {"separate Object entries", "expected ',' or '}'"},
                new String[] {"separate Array entries", "expected ',' or ']'"},
                new String[] {"colon to separate", "expected ':' after a field name"},
                new String[] {"close marker", "a closing bracket that does not match"},
                new String[] {"expected a value", "expected a value"},
                new String[] {"valid value", "expected a value"},
                new String[] {"Invalid UTF-8", "not UTF-8"});
        for (String[] k : known) {
            if (message.contains(k[0])) {
                return k[1];
            }
        }
        return "unexpected input";
    }

    private static String where(TokenStreamLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /**
     * The field path of the parser's position. In an object the current name is the field being read, or the
     * one just read when {@code withName} (an error right after a value is about that field); without it the
     * object itself (an error inside a field name).
     */
    static String path(TokenStreamContext context, boolean withName, int outerSteps) {
        Deque<TokenStreamContext> chain = new ArrayDeque<>();
        for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        String path = "";
        int step = 0;
        while (!chain.isEmpty()) {
            TokenStreamContext c = chain.pop();
            boolean innermost = chain.isEmpty();
            if (c.inArray()) {
                if (c.getCurrentIndex() < 0) {
                    break;
                }
                if (step++ >= outerSteps) {
                    path = JsonPath.index(path, c.getCurrentIndex());
                }
            } else {
                if (!c.hasCurrentName() || (innermost && !withName)) {
                    break;
                }
                if (step++ >= outerSteps) {
                    path = JsonPath.property(path, c.currentName());
                }
            }
        }
        return path.isEmpty() ? JsonPath.ROOT : path;
    }

    private static InvalidRequestException invalid(FieldError error) {
        return new InvalidRequestException(List.of(error));
    }
}
