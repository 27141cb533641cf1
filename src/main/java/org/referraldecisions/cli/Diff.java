package org.referraldecisions.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.referraldecisions.audit.AuditCommands;
import org.referraldecisions.audit.LogQuery;
import org.referraldecisions.golden.GoldenCase;
import org.referraldecisions.golden.GoldenCaseLoader;
import org.referraldecisions.golden.ImpactAnalysis;
import org.referraldecisions.ruleset.RulesetCatalog;
import org.referraldecisions.ruleset.RulesetId;
import org.referraldecisions.ruleset.UnknownRulesetException;
import org.referraldecisions.service.DecisionRequestReader;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code diff}: which cases a revision decides differently, and how; pretty or JSON. */
final class Diff {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Diff() {
    }

    static int run(Options o, String[] springArgs, DecisionRequestReader reader, Progress progress, PrintStream out, PrintStream err)
            throws IOException {
        if (o.get("from") == null || o.get("to") == null) {
            throw new IllegalArgumentException("diff needs --from area@version and --to area@version");
        }
        if (o.has("no-golden") && o.get("corpus") == null) {
            throw new IllegalArgumentException("diff --no-golden needs a --corpus: there would be nothing to compare");
        }
        RulesetId from = RulesetId.parse(o.get("from"));
        RulesetId to = RulesetId.parse(o.get("to"));
        List<ImpactAnalysis.NamedRequest> requests = new ArrayList<>();
        if (o.get("corpus") != null) {
            List<String> bad = new ArrayList<>();
            requests.addAll(corpus(Path.of(o.get("corpus")), bad));
            if (!bad.isEmpty()) {
                bad.forEach(err::println);
                err.println("diff did not run: " + bad.size() + " corpus line(s) are not a JSON object (a request, or {\"request\": ...} as exported)");
                return 2;
            }
        }
        if (o.get("from-log") != null) {
            List<ImpactAnalysis.NamedRequest> logged = fromLog(o, springArgs, from.area(), err);
            if (logged == null) {
                return 2;
            }
            requests.addAll(logged);
        }
        if (!o.has("no-golden") && o.get("from-log") == null) {
            List<ImpactAnalysis.NamedRequest> golden = new ArrayList<>();
            for (GoldenCase c : GoldenCaseLoader.load(o.cases(), new ArrayList<>())) {
                if (from.area().equals(c.request().path("area").asString())) {
                    golden.add(new ImpactAnalysis.NamedRequest(c.name(), c.request()));
                }
            }
            requests.addAll(0, golden);
        }
        RulesetCatalog catalog = progress.load(o.rules(), new TreeSet<>(List.of(from.area(), to.area())));
        for (RulesetId id : List.of(from, to)) {
            catalog.find(id).orElseThrow(() -> new UnknownRulesetException("no rule set " + id + " under " + o.rules()));
        }
        progress.say("deciding " + requests.size() + " requests under " + from + " and " + to + " ...");
        ImpactAnalysis.Report report = new ImpactAnalysis(reader, Cli.service(catalog))
                .compare(from, to, requests, (done, total) -> progress.tick(done, total, "requests"));
        out.println(o.json() ? JSON.writeValueAsString(report) : pretty(report));
        return report.changed().isEmpty() ? 0 : 1;
    }

    /**
     * The area's logged requests decided between --since and --until (UTC days, both included): from an export file,
     * or from the service's database ({@code --from-log database}). Null when they could not be read (said on err).
     */
    private static List<ImpactAnalysis.NamedRequest> fromLog(Options o, String[] springArgs, String area, PrintStream err) throws IOException {
        LocalDate since = Export.date(o, "since");
        LocalDate until = Export.date(o, "until");
        List<String> lines = new ArrayList<>();
        String source = o.get("from-log");
        if (source.equals("database")) {
            if (AuditCommands.export(springArgs, new LogQuery(since, until, area, null, null), lines::add, err) == null) {
                return null;
            }
        } else {
            try {
                lines.addAll(Files.readAllLines(Path.of(source)));
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("no decision log export " + source + " (or use --from-log database)");
            }
        }
        List<ImpactAnalysis.NamedRequest> requests = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = source.equals("database") ? "log" : source + " line " + (i + 1);
            try {
                JsonNode row = JSON.readTree(lines.get(i));
                JsonNode request = row.get("request");
                if (request == null || !request.isObject() || !row.path("decidedAt").isString()) {
                    bad.add(where + ": not a decision log export line (decidedAt, request)");
                    continue;
                }
                LocalDate day = java.time.Instant.parse(row.path("decidedAt").stringValue()).atZone(java.time.ZoneOffset.UTC).toLocalDate();
                if (area.equals(request.path("area").asString()) && (since == null || !day.isBefore(since)) && (until == null || !day.isAfter(until))) {
                    requests.add(new ImpactAnalysis.NamedRequest(source.equals("database") ? "decision " + row.path("decisionId").asString() : where, request));
                }
            } catch (JacksonException | java.time.format.DateTimeParseException e) {
                bad.add(where + ": not a decision log export line (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
        }
        if (!bad.isEmpty()) {
            bad.forEach(err::println);
            err.println("diff did not run: " + bad.size() + " line(s) of the log export could not be read");
            return null;
        }
        return requests;
    }

    /** One request per non-blank line; a line that is not a JSON object goes to {@code bad}, named by its number. */
    static List<ImpactAnalysis.NamedRequest> corpus(Path file, List<String> bad) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no corpus file " + file);
        }
        List<ImpactAnalysis.NamedRequest> requests = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            String where = file + " line " + (i + 1);
            try {
                JsonNode node = JSON.readTree(text);
                JsonNode request = node.has("request") ? node.get("request") : node;
                if (!request.isObject()) {
                    bad.add(where + ": not a JSON object");
                } else {
                    requests.add(new ImpactAnalysis.NamedRequest(where, request));
                }
            } catch (JacksonException e) {
                bad.add(where + ": not JSON (" + e.getOriginalMessage() + ")");
            }
        }
        return requests;
    }

    static String pretty(ImpactAnalysis.Report report) {
        StringBuilder text = new StringBuilder();
        text.append("Impact of ").append(report.from()).append(" -> ").append(report.to()).append(": ").append(report.changed().size())
                .append(" of ").append(report.casesDecided()).append(" cases decided differently");
        if (report.duplicatesIgnored() > 0) {
            text.append(" (").append(report.duplicatesIgnored()).append(" repeated requests counted once)");
        }
        text.append('\n');
        for (ImpactAnalysis.CaseImpact impact : report.changed()) {
            text.append('\n').append(impact.caseRef() == null ? impact.source() : impact.caseRef() + "  (" + impact.source() + ")");
            if (!impact.alsoIn().isEmpty()) {
                text.append("  same request also in ").append(String.join(", ", impact.alsoIn()));
            }
            text.append('\n');
            for (ImpactAnalysis.Change c : impact.changes()) {
                text.append("    ").append(c.field()).append(": ");
                if (c.added() == null) {
                    text.append(c.from()).append(" -> ").append(c.to());
                } else {
                    List<String> parts = new ArrayList<>();
                    c.added().forEach(a -> parts.add("+ " + a));
                    c.removed().forEach(r -> parts.add("- " + r));
                    text.append(String.join("; ", parts));
                }
                text.append('\n');
            }
        }
        if (!report.notDecided().isEmpty()) {
            text.append("\nNot compared (").append(report.notDecided().size()).append("):");
            report.notDecided().forEach(s -> text.append("\n    ").append(s));
            text.append('\n');
        }
        text.append("\nCases per kind of change:\n");
        if (report.casesPerKind().isEmpty()) {
            text.append("    none\n");
        }
        report.casesPerKind().forEach((kind, n) -> text.append(String.format("    %4d  %s%n", n, kind)));
        return text.toString().stripTrailing();
    }
}
