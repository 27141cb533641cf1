package org.referraldecisions.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.referraldecisions.audit.AuditCommands;
import org.referraldecisions.audit.LogExport;
import org.referraldecisions.audit.LogQuery;

/** {@code export}: the decision log's requests as decided, one JSON object a line, for {@code diff --corpus}. */
final class Export {

    private Export() {
    }

    static int run(Options o, String[] springArgs, PrintStream out, PrintStream err) throws IOException {
        LogQuery query = new LogQuery(date(o, "from"), date(o, "to"), o.get("area"), o.get("version"), refer(o.get("refer")));
        LogExport.Counts counts;
        if (o.get("out") == null) {
            counts = AuditCommands.export(springArgs, query, out::println, err);
        } else {
            try (Writer file = Files.newBufferedWriter(Path.of(o.get("out")), StandardCharsets.UTF_8)) {
                counts = AuditCommands.export(springArgs, query, line -> write(file, line), err);
            }
        }
        return counts == null ? 2 : 0;
    }

    static LocalDate date(Options o, String name) {
        String value = o.get(name);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--" + name + " must be a date YYYY-MM-DD, not " + value);
        }
    }

    private static Boolean refer(String value) {
        if (value == null) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("--refer must be true or false");
        }
        return Boolean.valueOf(value);
    }

    private static void write(Writer file, String line) {
        try {
            file.write(line);
            file.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
