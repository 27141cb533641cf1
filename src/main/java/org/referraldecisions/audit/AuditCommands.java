package org.referraldecisions.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Clock;
import java.time.Period;

import org.referraldecisions.service.DecisionResponseV1;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command-line doors to the decision log ({@code verify}, {@code purge}). They read the database settings
 * exactly as the service does (application.properties, environment, {@code --spring.datasource.*} arguments),
 * without compiling rules or serving HTTP.
 */
public final class AuditCommands {

    /**
     * The database as auto-configured from the service's settings. Deliberately not a {@code @Configuration}:
     * the service's component scan and the tests' search for a boot configuration must not find it.
     */
    @EnableAutoConfiguration
    static class Database {
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final JsonMapper READER = JsonMapper.builder().build();

    private AuditCommands() {
    }

    /**
     * Walks the chain; prints the verification in plain English (or as JSON); 0 when it verifies, 1 when a record
     * fails, 2 when the database cannot be opened.
     */
    public static int verify(String[] springArgs, boolean json, PrintStream out, PrintStream err) {
        return verify(springArgs, json, List.of(), out, err);
    }

    /**
     * As {@link #verify(String[], boolean, PrintStream, PrintStream)}, also checking the receipts in {@code receiptFiles}
     * (each a receipt, a decision response carrying one, a JSON array of either, or NDJSON lines of either).
     */
    public static int verify(String[] springArgs, boolean json, List<Path> receiptFiles, PrintStream out, PrintStream err) {
        List<DecisionResponseV1.Receipt> receipts = new ArrayList<>();
        for (Path file : receiptFiles) {
            try {
                receipts.addAll(readReceipts(file));
            } catch (IOException | RuntimeException e) {
                err.println("cannot read receipts from " + file + ": " + e.getMessage());
                return 2;
            }
        }
        ConfigurableApplicationContext context = open(springArgs, "verify", err);
        if (context == null) {
            return 2;
        }
        try (context) {
            ChainVerifier.Verification verification = reviews(context).verify(cliActor(), receipts);
            out.println(json ? JSON.writeValueAsString(verification) : explain(verification));
            return verification.verified() ? 0 : 1;
        }
    }

    /** Removes the bodies of decisions older than {@code referrals.retention.period}; prints how many. */
    public static int purge(String[] springArgs, PrintStream out, PrintStream err) {
        ConfigurableApplicationContext context = open(springArgs, "purge", err);
        if (context == null) {
            return 2;
        }
        try (context) {
            Period period = Period.parse(context.getEnvironment().getProperty("referrals.retention.period", "P7Y"));
            int purged = new Retention(log(context), keys(context), Clock.systemUTC(), period).purge();
            out.println(purged + " decisions older than " + period + " purged of their request and response");
            return 0;
        }
    }

    /**
     * Streams the logged requests a query selects, one JSON object a line, to {@code line}; says on {@code err} how
     * many and for whom (the export's own record). Null when the database cannot be opened (said on {@code err}).
     */
    public static LogExport.Counts export(String[] springArgs, LogQuery query, java.util.function.Consumer<String> line, PrintStream err) {
        ConfigurableApplicationContext context = open(springArgs, "export", err);
        if (context == null) {
            return null;
        }
        try (context) {
            LogExport.Counts counts = reviews(context).export(cliActor(), query, line);
            err.println("exported " + counts.exported() + " decisions (" + query.describe() + ") for " + System.getProperty("user.name")
                    + (counts.purged() > 0 ? "; " + counts.purged() + " past retention had no request to export" : ""));
            return counts;
        }
    }

    static String explain(ChainVerifier.Verification v) {
        String checked = v.checkpoints() + " signed checkpoints" + (v.checkpointFiles().isEmpty() ? "" : " (and " + v.checkpointFiles().size()
                + " checkpoint files" + (v.otherLogsCheckpoints() == 0 ? "" : ", where " + v.otherLogsCheckpoints()
                + " lines are other logs' and were skipped") + ")") + (v.unsignedRecords() == 0 ? "" : "; " + v.unsignedRecords() + " records predate signing and were "
                + "checked by their unkeyed hash only") + (v.receipts().isEmpty() ? "" : "; " + v.receipts().size() + " receipts");
        if (v.verified()) {
            return "The decision log verifies: all " + v.records() + " records are intact and chained in order, " + checked + ".";
        }
        ChainVerifier.FirstFailure f = v.firstFailure();
        return "The decision log does NOT verify: record #" + f.seq() + (f.decisionId() == null ? "" : " (decision " + f.decisionId() + ")")
                + " fails: " + f.reason() + ". " + v.records() + " records were read, " + checked + "; the first failure is named.";
    }

    private static List<DecisionResponseV1.Receipt> readReceipts(Path file) throws IOException {
        String text = Files.readString(file);
        try {
            return ReceiptReader.read(READER.readTree(text));
        } catch (tools.jackson.core.JacksonException notOneDocument) {
            List<DecisionResponseV1.Receipt> receipts = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    receipts.addAll(ReceiptReader.read(READER.readTree(line)));
                }
            }
            return receipts;
        }
    }

    private static String cliActor() {
        return "cli:" + System.getProperty("user.name");
    }

    /** The log's readers as the service has them, from the same settings (keys, checkpoint files, retention). */
    private static DecisionReviews reviews(ConfigurableApplicationContext context) {
        var env = context.getEnvironment();
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        DecisionLog log = log(context);
        Path keyFile = Path.of(env.getProperty("referrals.decision-log.signing-key-file", "./data/decision-log-signing-key.pem"));
        List<Path> retired = java.util.Arrays.stream(env.getProperty("referrals.decision-log.retired-key-files", "").split(","))
                .map(String::trim).filter(f -> !f.isEmpty()).map(Path::of).toList();
        // Verification never makes a key: without the key file it checks what the public keys of the retired files allow.
        KeyRing keys = KeyRing.load(Files.exists(keyFile) ? keyFile : null, false, retired);
        Period period = Period.parse(env.getProperty("referrals.retention.period", "P7Y"));
        Path checkpointDir = Path.of(env.getProperty("referrals.decision-log.checkpoint-dir", "./data/checkpoints"));
        ChainVerifier verifier = new ChainVerifier(log, new Checkpoints(jdbc), keys, new Retention(log, keys(context), Clock.systemUTC(), period), checkpointDir);
        return new DecisionReviews(log, null, verifier, new ReadAudit(jdbc, Clock.systemUTC()), READER);
    }

    /**
     * The database, or null after one sentence on {@code err} saying why not. A database already held by the
     * running service (H2's file lock) gets what to run instead rather than Spring's stack trace.
     */
    private static ConfigurableApplicationContext open(String[] springArgs, String command, PrintStream err) {
        try {
            return start(springArgs);
        } catch (RuntimeException e) {
            if (locked(e)) {
                err.println("The decision log database is in use by another process (the running service holds its H2 file), so "
                        + command + " cannot open it. " + ("verify".equals(command)
                        ? "Ask the service instead: GET /v1/decisions/verify with a REVIEWER key (e.g. curl -H \"Authorization: Bearer $KEY\" http://localhost:8080/v1/decisions/verify), or stop the service and run verify again."
                        : "export".equals(command)
                        ? "Ask the service instead: GET /v1/decisions/export with a REVIEWER key, or stop the service and run export again."
                        : "Stop the service, run purge, then start it again."));
            } else {
                err.println("The decision log database could not be opened: " + rootMessage(e));
            }
            return null;
        }
    }

    /** H2's "Database may be already in use" (error 90020), anywhere in the chain of causes. */
    static boolean locked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == 90020
                    || t.getMessage() != null && t.getMessage().contains("Database may be already in use")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static DecisionLog log(ConfigurableApplicationContext context) {
        // The archive brings back the rule sets whose fired rules a stored response names (LoggedResponse).
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        return new DecisionLog(jdbc, context.getBean(TransactionTemplate.class), new RulesetArchive(jdbc, READER, java.time.Clock.systemUTC()),
                new SealedBodies(keys(context)));
    }

    private static DataKeys keys(ConfigurableApplicationContext context) {
        return DataKeys.fromSettings(context.getEnvironment());
    }

    private static ConfigurableApplicationContext start(String[] springArgs) {
        // Spring re-initialises logging as it starts; a failure is told in our own words, not as its stack trace.
        java.util.Map<String, Object> quiet = java.util.Map.of("logging.level.root", "OFF");
        return new SpringApplicationBuilder(Database.class).web(WebApplicationType.NONE).logStartupInfo(false)
                .properties(quiet).bannerMode(org.springframework.boot.Banner.Mode.OFF).run(springArgs);
    }
}
