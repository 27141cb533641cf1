package org.referraldecisions.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The table of signed checkpoints ({@code decision_checkpoint}, one per group commit) and the first keyed sequence
 * number ({@code decision_log_keying}, set once by the migration that introduced signing).
 */
final class Checkpoints {

    private static final String COLUMNS = "first_seq, last_seq, key_id, log_id, tree_root, head_hash, keyed_from, signed_at, signature";

    private final JdbcTemplate jdbc;
    private volatile Long keyedFrom;
    private volatile String logId;

    Checkpoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Checkpoint c) {
        jdbc.update("INSERT INTO decision_checkpoint (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", c.firstSeq(), c.lastSeq(),
                c.keyId(), c.logId(), c.treeRoot(), c.headHash(), c.keyedFrom(), c.signedAt().atOffset(ZoneOffset.UTC), c.signature());
    }

    /** The first sequence number whose record is keyed and checkpointed (earlier ones predate signing). Never changes. */
    long keyedFrom() {
        Long value = keyedFrom;
        if (value == null) {
            value = jdbc.queryForObject("SELECT keyed_from FROM decision_log_keying WHERE id = 1", Long.class);
            keyedFrom = value;
        }
        return value;
    }

    /**
     * This log's identity, made (a random UUID) by the first instance to sign and kept for good; several instances
     * starting at once all end up with the one that was stored first.
     */
    String logId() {
        String value = logId;
        if (value == null) {
            jdbc.update("UPDATE decision_log_keying SET log_id = ? WHERE id = 1 AND log_id IS NULL", java.util.UUID.randomUUID().toString());
            value = storedLogId();
            logId = value;
        }
        return value;
    }

    /** As stored now (null before anything was signed), for verification. */
    String storedLogId() {
        return jdbc.queryForObject("SELECT log_id FROM decision_log_keying WHERE id = 1", String.class);
    }

    /** As stored now, for verification (not cached: a writer may have changed it). */
    long storedKeyedFrom() {
        return jdbc.queryForObject("SELECT keyed_from FROM decision_log_keying WHERE id = 1", Long.class);
    }

    /** Up to {@code limit} checkpoints from the one starting at or after {@code firstSeq}, in order. */
    List<Checkpoint> from(long firstSeq, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM decision_checkpoint WHERE first_seq >= ? ORDER BY first_seq LIMIT ?",
                Checkpoints::map, firstSeq, limit);
    }

    Optional<Checkpoint> startingAt(long firstSeq) {
        return jdbc.query("SELECT " + COLUMNS + " FROM decision_checkpoint WHERE first_seq = ?", Checkpoints::map, firstSeq)
                .stream().findFirst();
    }

    /** The checkpoint covering {@code seq}, if any. */
    Optional<Checkpoint> covering(long seq) {
        return jdbc.query("SELECT " + COLUMNS + " FROM decision_checkpoint WHERE first_seq <= ? ORDER BY first_seq DESC LIMIT 1",
                Checkpoints::map, seq).stream().filter(c -> c.covers(seq)).findFirst();
    }

    private static Checkpoint map(ResultSet rs, int row) throws SQLException {
        return new Checkpoint(rs.getString("key_id"), rs.getString("log_id"), rs.getLong("first_seq"), rs.getLong("last_seq"), rs.getString("tree_root"),
                rs.getString("head_hash"), rs.getLong("keyed_from"), rs.getObject("signed_at", OffsetDateTime.class).toInstant(),
                rs.getString("signature"));
    }
}
