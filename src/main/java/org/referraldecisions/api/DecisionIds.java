package org.referraldecisions.api;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Decision ids: UUID version 7 (RFC 9562), the millisecond of the decision followed by 74 random bits.
 * Ids made later sort later, so the decision log's index on them grows at its end instead of being
 * rewritten at random places on every commit; the random part keeps them unguessable. The time in
 * the id is the decision's own {@code decidedAt}, which the response already carries.
 */
final class DecisionIds implements Supplier<String> {

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    DecisionIds(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String get() {
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        long randA = ((bytes[0] & 0xFFL) << 8 | (bytes[1] & 0xFFL)) & 0x0FFFL;
        long randB = 0;
        for (int i = 2; i < 10; i++) {
            randB = randB << 8 | (bytes[i] & 0xFFL);
        }
        long high = clock.millis() << 16 | 0x7000L | randA;
        long low = randB & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
