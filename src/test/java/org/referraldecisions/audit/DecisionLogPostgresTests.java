package org.referraldecisions.audit;

import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The decision log on PostgreSQL. Runs only when {@code referrals.test.postgres.url} is set (CI sets it, with
 * {@code .user} and {@code .password}, after starting PostgreSQL); the schema is emptied first.
 */
@EnabledIfSystemProperty(named = "referrals.test.postgres.url", matches = ".+")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"referrals.warmup.decisions=200",
        "referrals.decision-log.linger=0ms"})
class DecisionLogPostgresTests extends DecisionLogContract {

    static String url() {
        return System.getProperty("referrals.test.postgres.url");
    }

    static String user() {
        return System.getProperty("referrals.test.postgres.user", "referrals");
    }

    static String password() {
        return System.getProperty("referrals.test.postgres.password", "referrals");
    }

    @BeforeAll
    static void emptySchema() throws SQLException {
        try (var connection = DriverManager.getConnection(url(), user(), password()); var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
        }
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DecisionLogPostgresTests::url);
        registry.add("spring.datasource.username", DecisionLogPostgresTests::user);
        registry.add("spring.datasource.password", DecisionLogPostgresTests::password);
    }
}
