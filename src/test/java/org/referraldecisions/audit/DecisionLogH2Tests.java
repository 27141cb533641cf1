package org.referraldecisions.audit;

import org.springframework.boot.test.context.SpringBootTest;

/** The decision log on the default database: embedded H2 in PostgreSQL mode (in memory for tests). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "referrals.warmup.decisions=200")
class DecisionLogH2Tests extends DecisionLogContract {
}
