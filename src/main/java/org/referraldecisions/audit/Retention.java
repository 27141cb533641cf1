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
 */
final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final DecisionLog decisionLog;
    private final Clock clock;
    private final Period period;

    Retention(DecisionLog decisionLog, Clock clock, Period period) {
        this.decisionLog = decisionLog;
        this.clock = clock;
        this.period = period;
    }

    /**
     * Whether a record's bodies may be gone: only once its retention period is over. Verification asks this of every
     * record with a missing body, so a body removed early (by a database writer) is caught.
     */
    boolean bodiesMayBeAbsent(DecisionRecord r) {
        return !r.decidedAt().atZone(ZoneOffset.UTC).plus(period).toInstant().isAfter(clock.instant());
    }

    /** Purges the bodies of every record decided before now minus the period; returns how many. */
    int purge() {
        Instant now = clock.instant();
        Instant cutoff = now.atZone(ZoneOffset.UTC).minus(period).toInstant();
        int purged = decisionLog.purgeBodiesBefore(cutoff, now);
        log.info("retention {}: removed the bodies of {} decisions made before {}", period, purged, cutoff);
        return purged;
    }
}
