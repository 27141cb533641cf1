import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

/**
 * What storing one decision costs each embedded database, CPU of the whole process (every thread: the database's
 * own background writers and the garbage collector too) and wall time, for issue 14's question whether another
 * embedded store than H2 would make the log cheaper. Each store gets the decision log's own table and indexes
 * (V1 + V3) and the log's own write: groups of GROUP rows (the service's typical group commit under load is 8), each
 * in one transaction with the chain head's update, made durable before the next:
 *   h2:     the service's URL settings, batch insert, COMMIT, CHECKPOINT SYNC (one fsync, audit/DurableCommit);
 *   sqlite: WAL, synchronous=FULL (the WAL is fsynced at each COMMIT), transactions IMMEDIATE (SQLite's write lock);
 *   none:   the same rows made and bound to nothing: what this program itself costs, to subtract from the others.
 * Rows are like the service's: time-ordered ids, case references drawn from 100,000, 64-character hex hashes,
 * a ~890-byte sealed body (random bytes, as encrypted bodies are).
 *
 *   bash src/bench/embedded-store-cost.sh [rows, default 200000]
 */
public class EmbeddedStoreCost {

    static final int GROUP = Integer.getInteger("group", 8);

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String store = args.length > 1 ? args[1] : "h2";
        Path dir = Files.createTempDirectory("store-cost");
        try (Connection c = store.equals("none") ? null : connect(store, dir)) {
            if (c != null) {
                schema(c, store);
            }
            Writer w = new Writer(c, store);
            w.write(rows / 4); // warm-up: the JIT, and a table that is not empty
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            w.write(rows);
            long cpu = os.getProcessCpuTime() - cpu0;
            long wall = System.nanoTime() - wall0;
            long bytes;
            try (var files = Files.list(dir)) {
                bytes = files.mapToLong(f -> f.toFile().length()).sum();
            }
            System.out.printf("%-6s %,d rows in groups of %d: CPU %.1f us a row, wall %.1f us a row, files %,d bytes (%,d a row of %,d)%n",
                    store, rows, GROUP, cpu / 1000.0 / rows, wall / 1000.0 / rows, bytes, bytes / (rows + rows / 4), rows + rows / 4);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    static Connection connect(String store, Path dir) throws Exception {
        if (store.equals("h2")) {
            return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("log") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=100;RETENTION_TIME=2000;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        }
        // IMMEDIATE: each transaction takes SQLite's write lock at its start, as the chain head's FOR UPDATE does elsewhere.
        var properties = new java.util.Properties();
        properties.setProperty("transaction_mode", "IMMEDIATE");
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("log.db"), properties);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
        }
        return c;
    }

    static void schema(Connection c, String store) throws Exception {
        String blob = store.equals("h2") ? "BYTEA" : "BLOB";
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ruleset_archive (sha256 VARCHAR(64) PRIMARY KEY)");
            s.execute("INSERT INTO ruleset_archive VALUES ('" + "ab".repeat(32) + "')");
            s.execute("CREATE TABLE decision_log (seq BIGINT PRIMARY KEY, decision_id VARCHAR(64) NOT NULL UNIQUE, "
                    + "decided_at TIMESTAMP WITH TIME ZONE NOT NULL, case_ref VARCHAR(64) NOT NULL, ruleset_area VARCHAR(64) NOT NULL, "
                    + "ruleset_version VARCHAR(64) NOT NULL, ruleset_sha256 VARCHAR(64) NOT NULL REFERENCES ruleset_archive (sha256), "
                    + "duration_micros BIGINT NOT NULL, request_json TEXT, response_json TEXT, request_sha256 VARCHAR(64) NOT NULL, "
                    + "response_sha256 VARCHAR(64) NOT NULL, purged_at TIMESTAMP WITH TIME ZONE, prev_hash VARCHAR(64) NOT NULL, "
                    + "record_hash VARCHAR(64) NOT NULL, body_key VARCHAR(16), sealed_body " + blob + ")");
            s.execute("CREATE INDEX decision_log_case_ref ON decision_log (case_ref, seq)");
            s.execute("CREATE INDEX decision_log_decided_at ON decision_log (decided_at)");
            s.execute("CREATE TABLE decision_chain_head (id INT PRIMARY KEY, seq BIGINT NOT NULL, record_hash VARCHAR(64) NOT NULL)");
            s.execute("INSERT INTO decision_chain_head VALUES (1, 0, '" + "0".repeat(64) + "')");
            if (store.equals("sqlite")) {
                s.execute("PRAGMA foreign_keys=ON");
            }
        }
        c.setAutoCommit(false);
        c.commit();
    }

    static final class Writer {
        final Connection c;
        final String store;
        final PreparedStatement insert;
        final PreparedStatement head;
        final Random random = new Random(7);
        final SecureRandom bodies = new SecureRandom();
        final HexFormat hex = HexFormat.of();
        long seq;

        Writer(Connection c, String store) throws Exception {
            this.c = c;
            this.store = store;
            if (c == null) {
                insert = null;
                head = null;
                return;
            }
            insert = c.prepareStatement("INSERT INTO decision_log (seq, decision_id, decided_at, case_ref, ruleset_area, ruleset_version, "
                    + "ruleset_sha256, duration_micros, request_json, response_json, request_sha256, response_sha256, purged_at, prev_hash, "
                    + "record_hash, body_key, sealed_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, NULL, ?, ?, ?, ?)");
            head = c.prepareStatement("UPDATE decision_chain_head SET seq = ?, record_hash = ? WHERE id = 1");
        }

        void write(int rows) throws Exception {
            if (c == null) {
                makeOnly(rows);
                return;
            }
            for (int done = 0; done < rows; done += GROUP) {
                String prev = null;
                for (int i = 0; i < GROUP; i++) {
                    seq++;
                    Instant at = Instant.ofEpochMilli(1_796_000_000_000L + seq);
                    insert.setLong(1, seq);
                    insert.setString(2, new UUID((at.toEpochMilli() << 16) | 0x7000, random.nextLong()).toString());
                    if (store.equals("h2")) {
                        insert.setObject(3, at.atOffset(ZoneOffset.UTC));
                    } else {
                        insert.setString(3, at.toString());
                    }
                    insert.setString(4, "CASE-" + random.nextInt(100_000));
                    insert.setString(5, "cleveland");
                    insert.setString(6, "2017-10");
                    insert.setString(7, "ab".repeat(32));
                    insert.setLong(8, 800 + random.nextInt(400));
                    insert.setString(9, hash());
                    insert.setString(10, hash());
                    insert.setString(11, prev = hash());
                    insert.setString(12, hash());
                    insert.setString(13, "2026-11");
                    byte[] body = new byte[890];
                    bodies.nextBytes(body);
                    insert.setBytes(14, body);
                    insert.addBatch();
                }
                insert.executeBatch();
                head.setLong(1, seq);
                head.setString(2, prev);
                head.executeUpdate();
                c.commit();
                if (store.equals("h2")) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CHECKPOINT SYNC");
                    }
                }
            }
        }

        /** The rows' values, made as {@link #write} makes them, bound to nothing. */
        void makeOnly(int rows) {
            long sink = 0;
            for (int i = 0; i < rows; i++) {
                seq++;
                Instant at = Instant.ofEpochMilli(1_796_000_000_000L + seq);
                sink += new UUID((at.toEpochMilli() << 16) | 0x7000, random.nextLong()).toString().length() + at.toString().length()
                        + ("CASE-" + random.nextInt(100_000)).length() + "ab".repeat(32).length() + random.nextInt(400);
                for (int h = 0; h < 4; h++) {
                    sink += hash().length();
                }
                byte[] body = new byte[890];
                bodies.nextBytes(body);
                sink += body[0];
            }
            if (sink == 42) {
                System.out.println(); // keeps the work from being optimised away
            }
        }

        String hash() {
            byte[] b = new byte[32];
            random.nextBytes(b);
            return hex.formatHex(b);
        }
    }
}
