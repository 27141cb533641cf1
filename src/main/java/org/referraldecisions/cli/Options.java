package org.referraldecisions.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A command line parsed: the command, its positional arguments and its {@code --name value} options. */
record Options(String command, List<String> positional, Map<String, String> flags) {

    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "decide", Set.of("rules", "ruleset", "format"),
            "test", Set.of("rules", "cases", "format"),
            "check", Set.of("rules", "cases"),
            "diff", Set.of("rules", "cases", "corpus", "from", "to", "format", "no-golden", "from-log", "since", "until"),
            "export", Set.of("from", "to", "area", "version", "refer", "out"),
            "coverage", Set.of("rules", "cases", "format"),
            "lint", Set.of("rules", "format"),
            "reload", Set.of("url", "format"),
            "new-version", Set.of("rules", "cases", "from", "version", "effective-from"),
            "help", Set.of());

    /** Options that are switches: present or not, no value. */
    private static final Set<String> SWITCHES = Set.of("no-golden");

    static Options parse(String... args) {
        if (args.length == 0 || !ALLOWED.containsKey(args[0])) {
            throw new IllegalArgumentException(args.length == 0 ? "no command given" : "unknown command: " + args[0]);
        }
        List<String> positional = new ArrayList<>();
        Map<String, String> flags = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String name = args[i].substring(2);
                if (!ALLOWED.get(args[0]).contains(name)) {
                    throw new IllegalArgumentException("unknown option for " + args[0] + ": --" + name);
                }
                if (SWITCHES.contains(name)) {
                    flags.put(name, "true");
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                flags.put(name, args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        String format = flags.getOrDefault("format", "pretty");
        if (!format.equals("pretty") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be pretty or json");
        }
        return new Options(args[0], List.copyOf(positional), Map.copyOf(flags));
    }

    String get(String name) {
        return flags.get(name);
    }

    Path rules() {
        return Path.of(flags.getOrDefault("rules", "rules"));
    }

    Path cases() {
        return Path.of(flags.getOrDefault("cases", "test-cases"));
    }

    boolean has(String name) {
        return flags.containsKey(name);
    }

    boolean json() {
        return "json".equals(flags.get("format"));
    }
}
