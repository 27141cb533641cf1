package org.referraldecisions.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The record of every reload of the rules, accepted or refused, that reviewers can list: who asked, when,
 * the rule sets serving before and after (each {@code area@version sha256}), and the reason for a refusal.
 */
public final class ReloadLog {

    /** One reload as reviewers see it. */
    @Schema(name = "ReloadLogEntry")
    public record Entry(long seq, Instant reloadedAt, String requestedBy, boolean accepted, List<String> rulesetsBefore,
                        List<String> rulesetsAfter,
                        @Schema(description = "why it was refused, or how many golden cases passed", nullable = true) String reason) {
    }

    private final JdbcTemplate jdbc;

    public ReloadLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(Instant at, String requestedBy, boolean accepted, List<String> before, List<String> after, String reason) {
        jdbc.update("INSERT INTO reload_log (reloaded_at, requested_by, accepted, rulesets_before, rulesets_after, reason) VALUES (?, ?, ?, ?, ?, ?)",
                Timestamp.from(at), requestedBy, accepted, String.join("\n", before), String.join("\n", after), reason);
    }

    /** The newest reloads first, at most {@code limit}. */
    public List<Entry> newest(int limit) {
        return jdbc.query("SELECT seq, reloaded_at, requested_by, accepted, rulesets_before, rulesets_after, reason FROM reload_log"
                + " ORDER BY seq DESC LIMIT ?", (rs, i) -> new Entry(rs.getLong("seq"), rs.getTimestamp("reloaded_at").toInstant(),
                rs.getString("requested_by"), rs.getBoolean("accepted"), lines(rs.getString("rulesets_before")),
                lines(rs.getString("rulesets_after")), rs.getString("reason")), limit);
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }
}
