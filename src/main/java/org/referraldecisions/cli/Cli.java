package org.referraldecisions.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    public static final Set<String> COMMANDS = Set.of("decide", "test", "check", "reload", "diff", "coverage", "lint", "new-version", "verify", "purge", "help");

    static final String USAGE = """
            Usage: java -jar target/referral-decisions.jar <command> [options]

              decide CASE.json [--rules DIR] [--ruleset area@version] [--format pretty|json]
                  Decide one case (a request body, or a golden case file) and explain it in plain English.
              test [--rules DIR] [--cases DIR] [--format pretty|json]
                  Run every golden case; print each failure, then "N passed, N failed".
              check [--rules DIR] [--cases DIR]
                  What a reload would do: compile the rules, run the golden cases, check every rule is
                  fired by one. Nothing is swapped; no server is needed.
              diff --from area@v1 --to area@v2 [--cases DIR] [--corpus FILE.jsonl] [--rules DIR] [--format pretty|json]
                  Impact analysis: decide every case of the area (golden cases, and/or one request per line
                  of the corpus) under both versions; list each case whose decision changes, field by field.
              coverage [--rules DIR] [--cases DIR] [--format pretty|json]
                  Which golden cases fire each rule; rules fired by none (exit 1); and for every numeric
                  threshold and date window in the DRL, whether cases sit on both sides of it.
              lint [--rules DIR] [--format pretty|json]
                  Each rule cites only documents its manifest (or an included library) lists; nothing is dated
                  after the rule set comes into force; figures are named parameters; explanations, phases, and
                  each area's effective dates neither overlap nor leave gaps.
              new-version --from area@version --version NEW [--effective-from YYYY-MM-DD] [--rules DIR] [--cases DIR]
                  Start a revision: copy a rule set and its golden cases to a new version, ready to edit
                  (--effective-from for an area; a library has none).
              verify [--spring.datasource.url=... --spring.datasource.username=... --spring.datasource.password=...]
                  Walk the decision log's hash chain (same database settings as the service); name the first
                  record that fails (exit 1).
              purge [--referrals.retention.period=P7Y] [--spring.datasource.url=...]
                  Remove the request and response of decisions older than the retention period; ids, hashes
                  and rule set identity stay, and the chain still verifies.
              reload [--url http://localhost:8080]
                  Ask the running service to reload its rules (gated by the same checks). Sends the API key
                  in the environment variable REFERRALS_API_KEY (a key with the POLICY_ADMIN role).

            Exit codes: 0 ok, 1 failures found, 2 usage or load error.
            Example: java -jar target/referral-decisions.jar test --cases test-cases/cleveland
            """;

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final PrintStream out;
    private final PrintStream err;

    public Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        if (args.length > 0 && (args[0].equals("verify") || args[0].equals("purge"))) {
            String[] springArgs = java.util.Arrays.copyOfRange(args, 1, args.length);
            return args[0].equals("verify") ? AuditCommands.verify(springArgs, out) : AuditCommands.purge(springArgs, out);
        }
        Options options;
        try {
            options = Options.parse(args);
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
                case "reload" -> reload(options);
                case "diff" -> Tools.diff(options, reader(), out);
                case "coverage" -> Tools.coverage(options, reader(), out);
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
        RulesetCatalog catalog = RulesetLoader.load(o.rules());
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
        RulesetCatalog catalog = RulesetLoader.load(o.rules());
        List<String> problems = new ArrayList<>();
        List<GoldenCase> cases = GoldenCaseLoader.load(o.cases(), problems);
        List<GoldenOutcome> outcomes = new GoldenRunner(reader(), service(catalog)).runAll(cases);
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

    private int reload(Options o) throws java.io.IOException, InterruptedException {
        String url = o.get("url") == null ? "http://localhost:8080" : o.get("url");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/v1/rulesets/reload")).POST(HttpRequest.BodyPublishers.noBody());
        // The key comes from the environment, never the command line (which other users can see in ps).
        String key = System.getenv("REFERRALS_API_KEY");
        if (key != null && !key.isBlank()) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        out.println(response.body());
        return response.statusCode() == 200 ? 0 : response.statusCode() == 422 ? 1 : 2;
    }

    static DecisionRequestReader reader() {
        return new DecisionRequestReader(Validation.buildDefaultValidatorFactory().getValidator(), Clock.systemUTC());
    }

    static DecisionService service(RulesetCatalog catalog) {
        return new DecisionService(new RulesetRegistry(catalog), Clock.systemUTC(), () -> UUID.randomUUID().toString());
    }
}
