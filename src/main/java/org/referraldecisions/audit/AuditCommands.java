package org.referraldecisions.audit;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Period;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command-line doors to the decision log ({@code verify}, {@code purge}). They read the database settings
 * exactly as the service does (application.properties, environment, {@code --spring.datasource.*} arguments),
 * without compiling rules or serving HTTP.
 */
public final class AuditCommands {

    /**
     * The database as auto-configured from the service's settings. Deliberately not a {@code @Configuration}:
     * the service's component scan and the tests' search for a boot configuration must not find it.
     */
    @EnableAutoConfiguration
    static class Database {
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private AuditCommands() {
    }

    /** Walks the chain; prints the verification; 0 when it verifies, 1 when a record fails. */
    public static int verify(String[] springArgs, PrintStream out) {
        try (ConfigurableApplicationContext context = start(springArgs)) {
            ChainVerifier.Verification verification = new ChainVerifier(log(context)).verify();
            out.println(JSON.writeValueAsString(verification));
            return verification.verified() ? 0 : 1;
        }
    }

    /** Removes the bodies of decisions older than {@code referrals.retention.period}; prints how many. */
    public static int purge(String[] springArgs, PrintStream out) {
        try (ConfigurableApplicationContext context = start(springArgs)) {
            Period period = Period.parse(context.getEnvironment().getProperty("referrals.retention.period", "P7Y"));
            int purged = new Retention(log(context), Clock.systemUTC(), period).purge();
            out.println(purged + " decisions older than " + period + " purged of their request and response");
            return 0;
        }
    }

    private static DecisionLog log(ConfigurableApplicationContext context) {
        return new DecisionLog(context.getBean(JdbcTemplate.class), context.getBean(TransactionTemplate.class), null);
    }

    private static ConfigurableApplicationContext start(String[] springArgs) {
        return new SpringApplicationBuilder(Database.class).web(WebApplicationType.NONE).logStartupInfo(false)
                .bannerMode(org.springframework.boot.Banner.Mode.OFF).run(springArgs);
    }
}
