package org.referraldecisions.audit;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes a committed group of decisions survive a power cut before any of them is answered.
 *
 * <p>PostgreSQL does this itself: with its default {@code synchronous_commit=on} a COMMIT returns only after the
 * WAL is flushed (fsync). H2's file database does not: a commit writes the MVStore chunk to the operating system
 * and returns, with no fsync, so a 200 survived {@code kill -9} but not an OS crash. After each group commit we
 * therefore run H2's {@code CHECKPOINT SYNC}, which stores anything not yet written and forces the file to disk:
 * one fsync per group commit (measured with strace; docs/PERFORMANCE.md). In-memory databases (tests) need nothing.
 */
final class DurableCommit {

    private final JdbcTemplate jdbc;
    private volatile Boolean needed;

    DurableCommit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True for an embedded H2 file database. */
    boolean needed() {
        Boolean n = needed;
        if (n == null) {
            String url = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getURL());
            n = url != null && url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.startsWith("jdbc:h2:tcp:")
                    && !url.startsWith("jdbc:h2:ssl:");
            needed = n;
        }
        return n;
    }

    /** Forces what is committed to disk (fsync), where the database does not do so at COMMIT. */
    void force() {
        if (needed()) {
            jdbc.execute("CHECKPOINT SYNC");
        }
    }
}
