package org.referraldecisions.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Validation;
import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.audit.AuditCommands;
import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.service.DecisionService;
import org.referraldecisions.service.FieldError;
import org.referraldecisions.service.InvalidRequestException;
import org.referraldecisions.golden.GatedReload;
import org.referraldecisions.golden.GoldenCase;
import org.referraldecisions.golden.GoldenCaseLoader;
import org.referraldecisions.golden.GoldenOutcome;
import org.referraldecisions.golden.GoldenRunner;
import org.referraldecisions.ruleset.RulesetCatalog;
import org.referraldecisions.ruleset.RulesetException;
import org.referraldecisions.ruleset.RulesetLoader;
import org.referraldecisions.ruleset.RulesetRegistry;
import org.referraldecisions.ruleset.UnknownRulesetException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar target/referral-decisions.jar <command> [options]}. Exit codes: 0 all well,
 * 1 failures found (a case failed, a reload was refused), 2 usage or load error.
 */
public final class Cli {

    public static final Set<String> COMMANDS = Set.of("decide", "test", "check", "reload", "diff", "coverage", "lint", "new-version", "verify", "purge", "export", "help");

    /** What asks for the usage text rather than a command. */
    public static final Set<String> HELP = Set.of("help", "-h", "--help");

    static final String USAGE = """
            Usage: java -jar target/referral-decisions.jar <command> [options]

              serve [--server.port=8080 --spring.datasource.url=...]
                  Start the HTTP service (also what the jar does when given no command, or only --name=value settings).
              decide CASE.json [--rules DIR] [--ruleset area@version] [--format pretty|json]
                  Decide one case (a request body, or a golden case file) and explain it in plain English.
              test [--rules DIR] [--cases DIR] [--format pretty|json]
                  Run every golden case; print each failure, then "N passed, N failed".
              check [--rules DIR] [--cases DIR]
                  What a reload would do: compile the rules, run the golden cases, check every rule is
                  fired by one. Nothing is swapped; no server is needed.
              diff --from area@v1 --to area@v2 [--cases DIR] [--no-golden] [--corpus FILE.jsonl] [--rules DIR] [--format pretty|json]
              diff --from area@v1 --to area@v2 --from-log EXPORT.ndjson|database [--since YYYY-MM-DD] [--until YYYY-MM-DD]
                  Impact analysis: decide every case of the area (its golden cases unless --no-golden, and one
                  request per line of the corpus, e.g. an export of the decision log) under both versions. Lists each
                  case whose decision changes by caseRef, with every changed field: outcome, actions and warnings
                  added or removed, unmet criteria's figures, fired rules; then the number of cases per kind of
                  change. The same request met twice counts once. Exit 0 no change, 1 changes, 2 could not run
                  (a corpus line that is not a JSON object is named by its line number). --from-log replays the
                  area's logged requests decided in the range (from an export file, or the service's own database
                  with its --spring.datasource.* settings) and no golden cases.
              export [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--area AREA] [--version V] [--refer true|false] [--out FILE] [--spring.datasource.url=...]
                  Write the decision log's requests as decided, one JSON object a line (decisionId, decidedAt, caseRef,
                  ruleset, refer, request): the corpus for diff. Days are UTC, both ends included. Says on stderr how
                  many were exported and for whom.
              coverage [--rules DIR] [--cases DIR] [--format pretty|json]
                  Which golden cases fire each rule, and for every numeric threshold and date window in the DRL
                  whether a case sits on each side of it at the boundary. Exit 1 when a rule is fired by no case
                  or a threshold lacks a case on either side. With --cases one area's folder, only that area's
                  rule sets (and the libraries they include) are checked.
              lint [--rules DIR] [--format pretty|json]
                  Each rule cites only documents its manifest (or an included library) lists; nothing is dated
                  after the rule set comes into force; figures are named parameters; explanations, phases, and
                  each area's effective dates neither overlap nor leave gaps.
              new-version --from area@version --version NEW [--effective-from YYYY-MM-DD] [--rules DIR] [--cases DIR]
                  Start a revision: copy a rule set and its golden cases to a new version, ready to edit
                  (--effective-from for an area; a library has none).
              verify [--receipt FILE]... [--format pretty|json] [--spring.datasource.url=... --spring.datasource.username=... --spring.datasource.password=...]
                  Walk the decision log (same database and key settings as the service): keyed record hashes, the
                  chain, every signed checkpoint in the database and in the checkpoint files, and each receipt in
                  FILE (a decision response as received, a receipt, a JSON array or NDJSON lines of them); name
                  the first record that fails or the missing tail (exit 1). While the service runs on its H2 file,
                  ask it instead: GET (or POST receipts to) /v1/decisions/verify with a REVIEWER key.
              purge [--referrals.retention.period=P7Y] [--spring.datasource.url=...]
                  Remove the request and response of decisions older than the retention period; ids, hashes
                  and rule set identity stay, and the chain still verifies.
              reload [--url http://localhost:8080] [--format pretty|json]
                  Ask the running service to reload its rules (gated by the same checks). Sends the API key
                  in the environment variable REFERRALS_API_KEY (a key with the POLICY_ADMIN role).

            help, -h, --help: this text. On a terminal, long commands print a progress line (to stderr) per rule set
            compiled and per 100 cases; piped, they print only their result.
            Exit codes: 0 ok, 1 failures found, 2 usage or load error.
            Example: java -jar target/referral-decisions.jar test --cases test-cases/cleveland
            """;

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final PrintStream out;
    private final PrintStream err;
    private final Progress progress;

    /** A command line whose output goes to a pipe or a file: no progress lines. */
    public Cli(PrintStream out, PrintStream err) {
        this(out, err, false);
    }

    /** {@code terminal}: a person is watching, so long commands say what they are doing (on {@code err}). */
    public Cli(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.progress = new Progress(terminal ? err : null);
    }

    public int run(String... args) {
        if (args.length == 0 || HELP.contains(args[0])) {
            out.println(USAGE);
            return 2;
        }
        if (!COMMANDS.contains(args[0])) {
            err.println("unknown command: " + args[0] + " (to start the service: serve)");
            err.println(USAGE);
            return 2;
        }
        if (args[0].equals("verify") || args[0].equals("purge")) {
            List<String> springArgs = new ArrayList<>(List.of(args).subList(1, args.length));
            boolean json;
            List<java.nio.file.Path> receipts;
            try {
                json = springArgs.remove("--format=json") | removeFormat(springArgs);
                receipts = args[0].equals("verify") ? removeReceipts(springArgs) : List.of();
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return 2;
            }
            String[] rest = springArgs.toArray(String[]::new);
            return args[0].equals("verify") ? AuditCommands.verify(rest, json, receipts, out, err) : AuditCommands.purge(rest, out, err);
        }
        // The database settings of export and diff --from-log go to Spring as they are (--spring.datasource.url=...).
        // So do the decision log's key settings (--referrals.decision-log.key-dir=..., master-key-file=...): bodies are encrypted.
        String[] springArgs = java.util.Arrays.stream(args).filter(Cli::isSpringArg).toArray(String[]::new);
        Options options;
        try {
            options = Options.parse(java.util.Arrays.stream(args).filter(a -> !isSpringArg(a)).toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            return switch (options.command()) {
                case "decide" -> decide(options);
                case "test" -> test(options);
                case "check" -> check(options);
                case "reload" -> Reload.run(options, out, err);
                case "diff" -> Diff.run(options, springArgs, reader(), progress, out, err);
                case "export" -> Export.run(options, springArgs, out, err);
                case "coverage" -> Tools.coverage(options, reader(), progress, out);
                case "lint" -> Tools.lint(options, out);
                case "new-version" -> NewVersion.run(options, out, err);
                default -> {
                    out.println(USAGE);
                    yield 0;
                }
            };
        } catch (RulesetException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IllegalArgumentException | UnknownRulesetException | java.io.IOException e) {
            err.println(e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private int decide(Options o) throws java.io.IOException {
        if (o.positional().size() != 1) {
            err.println("decide needs one CASE.json");
            return 2;
        }
        Path file = Path.of(o.positional().get(0));
        var tree = JSON.readTree(Files.readString(file));
        var request = tree.has("request") && tree.has("expect") ? tree.get("request") : tree;
        if (o.get("ruleset") != null) {
            String[] pin = o.get("ruleset").split("@", 2);
            ((tools.jackson.databind.node.ObjectNode) request).put("area", pin[0]);
            if (pin.length == 2) {
                ((tools.jackson.databind.node.ObjectNode) request).put("rulesetVersion", pin[1]);
            }
        }
        String area = request.path("area").isString() ? request.path("area").stringValue() : "";
        RulesetCatalog catalog = progress.load(o.rules(), Set.of(area));
        if (catalog.versionsOf(area).isEmpty()) {
            // Only the request's area was compiled: name the areas there are, not the (empty) catalogue's.
            throw new UnknownRulesetException("no rule set for area '" + area + "' under " + o.rules() + "; known areas: "
                    + org.referraldecisions.ruleset.RulesetReader.readAll(o.rules()).stream().filter(f -> !f.manifest().library())
                    .map(f -> f.manifest().area()).distinct().sorted().toList());
        }
        DecisionResponseV1 decision;
        try {
            decision = service(catalog).decide(reader().read(request));
        } catch (InvalidRequestException e) {
            err.println("The case was not decided: " + (e.errors().size() + e.notShown()) + " field(s) are invalid");
            for (FieldError error : e.errors()) {
                err.println("  " + error.field() + ": " + error.message());
            }
            if (e.notShown() > 0) {
                err.println("  … and " + e.notShown() + " more");
            }
            return 2;
        }
        out.println(o.json() ? JSON.writeValueAsString(decision) : Explain.decision(decision));
        return 0;
    }

    private int test(Options o) {
        List<String> problems = new ArrayList<>();
        List<GoldenCase> cases = GoldenCaseLoader.load(o.cases(), problems);
        RulesetCatalog catalog = progress.load(o.rules(), areasOf(cases));
        List<GoldenOutcome> outcomes = progress.run(new GoldenRunner(reader(), service(catalog)), cases);
        long passed = outcomes.stream().filter(GoldenOutcome::passed).count();
        long failed = outcomes.size() - passed + problems.size();
        if (o.json()) {
            out.println(JSON.writeValueAsString(Map.of("passed", passed, "failed", failed,
                    "failures", GoldenRunner.failures(outcomes), "problems", problems)));
        } else {
            problems.forEach(p -> out.println("FAIL " + p));
            for (GoldenOutcome outcome : outcomes) {
                if (!outcome.passed()) {
                    out.println("FAIL " + outcome.goldenCase().name() + " — " + outcome.goldenCase().description());
                    outcome.mismatches().forEach(m -> out.println("     " + m.field() + ": expected " + m.expected() + ", actual " + m.actual()));
                }
            }
            out.println(passed + " passed, " + failed + " failed");
        }
        return failed == 0 ? 0 : 1;
    }

    private int check(Options o) {
        GatedReload.Report report = new GatedReload(new RulesetRegistry(null), o.rules(), o.cases(), reader(), Clock.systemUTC()).check();
        report.rulesets().forEach(r -> out.println("compiled " + r));
        report.problems().forEach(p -> out.println("FAIL " + p));
        out.println(report.casesPassed() + " of " + report.casesRun() + " golden cases passed; "
                + (report.problems().isEmpty() ? "a reload would swap these rules in" : "a reload would be refused"));
        return report.problems().isEmpty() ? 0 : 1;
    }

    /** Takes {@code --format json} / {@code --format pretty} out of a list of Spring arguments; true for json. */
    private static boolean removeFormat(List<String> args) {
        int i = args.indexOf("--format");
        if (i < 0 || i + 1 >= args.size()) {
            return false;
        }
        String value = args.remove(i + 1);
        args.remove(i);
        if (!value.equals("json") && !value.equals("pretty")) {
            throw new IllegalArgumentException("--format must be pretty or json");
        }
        return value.equals("json");
    }

    /** Takes out every {@code --receipt FILE} (or {@code --receipt=FILE}): the receipt files verify is to check. */
    private static List<java.nio.file.Path> removeReceipts(List<String> args) {
        List<java.nio.file.Path> files = new ArrayList<>();
        for (int i = 0; i < args.size(); ) {
            String arg = args.get(i);
            if (arg.equals("--receipt")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--receipt needs a file");
                }
                files.add(java.nio.file.Path.of(args.remove(i + 1)));
                args.remove(i);
            } else if (arg.startsWith("--receipt=")) {
                files.add(java.nio.file.Path.of(arg.substring("--receipt=".length())));
                args.remove(i);
            } else {
                i++;
            }
        }
        return files;
    }

    /** The areas a set of golden cases decides in: the rule sets a run of them needs (and what those include). */
    static Set<String> areasOf(List<GoldenCase> cases) {
        Set<String> areas = new java.util.TreeSet<>();
        cases.forEach(c -> {
            if (c.request().path("area").isString()) {
                areas.add(c.request().path("area").stringValue());
            }
        });
        return areas;
    }

    static DecisionRequestReader reader() {
        return new DecisionRequestReader(Validation.buildDefaultValidatorFactory().getValidator(), Clock.systemUTC());
    }

    static DecisionService service(RulesetCatalog catalog) {
        return new DecisionService(new RulesetRegistry(catalog), Clock.systemUTC(), () -> UUID.randomUUID().toString());
    }

    private static boolean isSpringArg(String arg) {
        return arg.startsWith("--spring.") || arg.startsWith("--referrals.decision-log.");
    }
}
