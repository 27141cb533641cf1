package org.referraldecisions.service;

import java.nio.CharBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;

import static org.referraldecisions.service.JsonInput.JSON;
import static org.referraldecisions.service.JsonInput.MAX_DEPTH;
import static org.referraldecisions.service.JsonInput.MAX_NAME_CHARS;

/**
 * What is wrong with JSON text, as a {@link FieldError} at the field the parser was reading, in the
 * service's own words: Jackson's messages name its classes and features, which mean nothing to a caller,
 * so they are only matched here, never shown.
 */
final class JsonErrors {

    private JsonErrors() {
    }

    /** Input that is not UTF-8 at {@code badByte}: named at the field being read there, found by reading the text before it. */
    static FieldError notUtf8(CharBuffer before, int badByte) {
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

    static String where(TokenStreamLocation at) {
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
}
