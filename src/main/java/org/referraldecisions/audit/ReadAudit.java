package org.referraldecisions.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The append-only record of reads of the decision log ({@code read_audit}): who (the key id or token subject, never
 * the key), when, what they did (read a decision, listed, looked up a case's history, exported, replayed, verified),
 * which decisions (ids) or, where a filter selected them, the filter and how many. No case data: a lookup by
 * {@code caseRef} is recorded as "by caseRef", never the reference. Written by {@link DecisionReviews}, so every door
 * (HTTP, command line, a future explorer) that reads through it is audited the same way.
 */
public final class ReadAudit {

    /** What was done with the log. */
    public enum Action { READ, HISTORY, LIST, EXPORT, REPLAY, VERIFY }

    /** One audited read as reviewers' managers see it. */
    public record Entry(long seq, Instant readAt, String actor, Action action, String filter, int decisions, List<String> decisionIds) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ReadAudit(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(String actor, Action action, String filter, int decisions, List<String> decisionIds) {
        jdbc.update("INSERT INTO read_audit (read_at, actor, action, filter, decisions, decision_ids) VALUES (?, ?, ?, ?, ?, ?)",
                Timestamp.from(clock.instant()), actor, action.name(), filter, decisions, String.join(",", decisionIds));
    }

    /** The newest entries first, at most {@code limit}; only those by {@code actor} when given. */
    public List<Entry> newest(int limit, String actor) {
        String sql = "SELECT seq, read_at, actor, action, filter, decisions, decision_ids FROM read_audit"
                + (actor == null ? "" : " WHERE actor = ?") + " ORDER BY seq DESC LIMIT ?";
        Object[] args = actor == null ? new Object[] {limit} : new Object[] {actor, limit};
        return jdbc.query(sql, (rs, i) -> new Entry(rs.getLong("seq"), rs.getTimestamp("read_at").toInstant(), rs.getString("actor"),
                Action.valueOf(rs.getString("action")), rs.getString("filter"), rs.getInt("decisions"), ids(rs.getString("decision_ids"))), args);
    }

    private static List<String> ids(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }
}
