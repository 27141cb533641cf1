package org.referraldecisions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class DecisionIdsTests {

    private static final Instant DECIDED = Instant.parse("2026-11-23T17:00:00.123Z");

    @Test
    void anIdIsAVersion7UuidCarryingTheMillisecondOfTheDecision() {
        UUID id = UUID.fromString(new DecisionIds(Clock.fixed(DECIDED, ZoneOffset.UTC)).get());
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(DECIDED.toEpochMilli());
    }

    @Test
    void idsMadeLaterSortLaterAsText() {
        String earlier = new DecisionIds(Clock.fixed(DECIDED, ZoneOffset.UTC)).get();
        String later = new DecisionIds(Clock.fixed(DECIDED.plusMillis(1), ZoneOffset.UTC)).get();
        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void idsMadeInTheSameMillisecondDiffer() {
        DecisionIds ids = new DecisionIds(Clock.fixed(DECIDED, ZoneOffset.UTC));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(ids.get());
        }
        assertThat(seen).hasSize(10_000);
    }
}
