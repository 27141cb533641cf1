package org.referraldecisions.service;

import java.util.ArrayList;
import java.util.List;

/**
 * The field paths errors name: {@code victim.age}, {@code policeIncidents[2].date},
 * {@code dash.answers.threats_to_kill}, and {@code $} for the document itself. A name that is not a plain
 * identifier (an unknown field {@code "victim name"}, a key with a dot) is written in brackets as a JSON
 * string, {@code ["victim name"]}, so every path reads back to exactly one place in the document.
 */
final class JsonPath {

    static final String ROOT = "$";

    private JsonPath() {
    }

    static String property(String parent, String name) {
        boolean root = parent.isEmpty() || parent.equals(ROOT);
        if (plain(name)) {
            return root ? name : parent + "." + name;
        }
        return (root ? "" : parent) + "[" + quote(name) + "]";
    }

    static String index(String parent, int index) {
        return (parent.isEmpty() ? ROOT : parent) + "[" + index + "]";
    }

    /** The path's steps from the document's root: property names as {@link String}, array indexes as {@link Integer}. */
    static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        int i = path.startsWith(ROOT) ? 1 : 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[' && i + 1 < path.length() && path.charAt(i + 1) == '"') {
                StringBuilder name = new StringBuilder();
                i += 2;
                while (i < path.length() && path.charAt(i) != '"') {
                    char ch = path.charAt(i++);
                    if (ch == '\\' && i < path.length()) {
                        char escaped = path.charAt(i++);
                        if (escaped == 'u' && i + 4 <= path.length()) {
                            name.append((char) Integer.parseInt(path.substring(i, i + 4), 16));
                            i += 4;
                        } else {
                            name.append(switch (escaped) {
                                case 'n' -> '\n';
                                case 't' -> '\t';
                                case 'r' -> '\r';
                                case 'b' -> '\b';
                                case 'f' -> '\f';
                                default -> escaped;
                            });
                        }
                    } else {
                        name.append(ch);
                    }
                }
                steps.add(name.toString());
                i = Math.min(path.length(), i + 2);
                continue;
            } else if (c == '[') {
                int end = path.indexOf(']', i);
                end = end < 0 ? path.length() : end;
                try {
                    steps.add(Integer.parseInt(path.substring(i + 1, end)));
                } catch (NumberFormatException e) {
                    steps.add(path.substring(i + 1, end));
                }
                i = end + 1;
                continue;
            }
            int end = i;
            while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                end++;
            }
            if (end > i) {
                steps.add(path.substring(i, end));
            }
            i = end;
        }
        return steps;
    }

    /** {@code [A-Za-z_][A-Za-z0-9_-]*}, checked by hand: this runs for every field of every request. */
    private static boolean plain(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '-'))) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String name) {
        StringBuilder quoted = new StringBuilder(name.length() + 2).append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
