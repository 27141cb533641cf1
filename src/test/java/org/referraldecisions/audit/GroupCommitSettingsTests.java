package org.referraldecisions.audit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The writer's settings are checked before it starts: a group needs room for one, and lingering is brief. */
class GroupCommitSettingsTests {

    @Test
    void lingeringIsBetweenNothingAndFiveMilliseconds() {
        assertThatThrownBy(() -> new GroupCommit(null, 8, Duration.ofNanos(-1), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("referrals.decision-log.linger");
        assertThatThrownBy(() -> new GroupCommit(null, 8, Duration.ofMillis(6), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("referrals.decision-log.linger");
        assertThatThrownBy(() -> new GroupCommit(null, 0, Duration.ZERO, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-per-commit");
    }
}
