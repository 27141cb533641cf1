package org.referraldecisions.audit;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The decision log on the default database: embedded H2 in PostgreSQL mode (in memory for tests), its writer lingering
 * a little longer than by default for company (the PostgreSQL run commits at once), so the contract holds either way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"referrals.warmup.decisions=200",
        "referrals.decision-log.linger=3ms"})
class DecisionLogH2Tests extends DecisionLogContract {
}
