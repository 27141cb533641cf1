package org.referraldecisions.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention period ({@code referrals.retention.period}, e.g. {@code P7Y}): decisions older than it lose
 * their request and response bodies. Their ids, times, rule set identity and hashes stay, and since a record's
 * hash covers only the bodies' hashes, the chain still verifies.
 *
 * <p>Two steps: the sealed bodies of records past the period are removed from the table (exact to the day), and
 * the data key of every month wholly past it is destroyed ({@link DataKeys#destroyBefore}), so those bodies are
 * unreadable also in old copies: backups, replicas, and free space in the database file.
 */
final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final DecisionLog decisionLog;
    private final DataKeys keys;
    private final Clock clock;
    private final Period period;

    Retention(DecisionLog decisionLog, DataKeys keys, Clock clock, Period period) {
        this.decisionLog = decisionLog;
        this.keys = keys;
        this.clock = clock;
        this.period = period;
    }

    /** Purges the bodies of every record decided before now minus the period; returns how many. */
    int purge() {
        Instant now = clock.instant();
        Instant cutoff = now.atZone(ZoneOffset.UTC).minus(period).toInstant();
        int purged = decisionLog.purgeBodiesBefore(cutoff, now);
        var destroyed = keys.destroyBefore(cutoff, now);
        log.info("retention {}: removed the bodies of {} decisions made before {}; destroyed the data keys of {}", period, purged, cutoff,
                destroyed.isEmpty() ? "no month" : destroyed);
        return purged;
    }

    /**
     * Whether a record may lawfully have no body: it was decided before the retention cutoff, or its month's data
     * key was destroyed. Not taken from the row's own {@code purged_at}, which a database writer could set. A body
     * missing from any other record is a removed body: verification asks this of every record with a missing body,
     * so a body removed early (by a database writer) is caught.
     */
    boolean bodiesMayBeAbsent(DecisionRecord record) {
        Instant cutoff = clock.instant().atZone(ZoneOffset.UTC).minus(period).toInstant();
        return record.decidedAt().isBefore(cutoff) || keys.destroyedAt(DataKeys.periodOf(record.decidedAt())).isPresent();
    }
}
