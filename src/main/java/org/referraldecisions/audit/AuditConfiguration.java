package org.referraldecisions.audit;

import java.time.Clock;
import java.time.Period;

import org.referraldecisions.service.DecisionRecorder;
import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionService;
import org.referraldecisions.ruleset.RulesetRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the decision log. {@code referrals.decision-log.enabled=false} stops recording (for measuring its
 * cost only: a service that serves review boards keeps it on); reading, replay and verification stay.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AuditConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

    @Bean
    RulesetArchive rulesetArchive(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
        return new RulesetArchive(jdbc, json, clock);
    }

    @Bean
    ReloadLog reloadLog(JdbcTemplate jdbc) {
        return new ReloadLog(jdbc);
    }

    /** The per-month data keys, outside the database, wrapped by the master key (see {@link DataKeys}). */
    @Bean
    DataKeys dataKeys(Environment environment) {
        return DataKeys.fromSettings(environment);
    }

    @Bean
    DecisionLog decisionLog(JdbcTemplate jdbc, TransactionTemplate tx, RulesetArchive archive, DataKeys dataKeys) {
        return new DecisionLog(jdbc, tx, archive, new SealedBodies(dataKeys));
    }

    /**
     * Before the connection pool opens the embedded H2 file: its directory owner-only (0700), so the database
     * and its lock and temporary files are readable by the service's user only whatever the umask.
     */
    @Bean
    static BeanFactoryPostProcessor ownerOnlyDatabaseDirectory(Environment environment) {
        return beanFactory -> DataKeys.OwnerOnly.restrictEmbeddedDatabase(environment.getProperty("spring.datasource.url", ""));
    }

    @Bean
    @ConditionalOnProperty(name = "referrals.decision-log.enabled", havingValue = "true", matchIfMissing = true)
    DecisionRecorder decisionLogRecorder(GroupCommit writer, JsonMapper json) {
        return new DecisionLogRecorder(writer, json);
    }

    /**
     * The one writer thread; closed (after committing what is queued) when the service shuts down, after the
     * web server has finished the requests in flight and before the connection pool (which it depends on)
     * is closed, closing the database.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "referrals.decision-log.enabled", havingValue = "true", matchIfMissing = true)
    GroupCommit groupCommit(DecisionLog decisionLog, @Value("${referrals.decision-log.max-per-commit:256}") int maxPerCommit,
                            @Value("${spring.datasource.url:}") String url, ObjectProvider<MeterRegistry> meters) {
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase().replace(" ", "").contains("DB_CLOSE_ON_EXIT=FALSE")) {
            log.warn("spring.datasource.url is an H2 database without DB_CLOSE_ON_EXIT=FALSE: on SIGTERM H2 closes it from its own "
                    + "exit hook while requests in flight still commit, and they fail; add ;DB_CLOSE_ON_EXIT=FALSE");
        }
        // The database file itself, now that Flyway has created it: owner-only (0600).
        DataKeys.OwnerOnly.restrictEmbeddedDatabase(url);
        return new GroupCommit(decisionLog, maxPerCommit, meters.getIfAvailable());
    }

    @Bean
    Retention retention(DecisionLog decisionLog, DataKeys dataKeys, Clock clock, @Value("${referrals.retention.period:P7Y}") Period period) {
        return new Retention(decisionLog, dataKeys, clock, period);
    }

    /** Purges bodies past the retention period every night (cron configurable; "-" turns it off). */
    @Bean
    RetentionSchedule retentionSchedule(Retention retention) {
        return new RetentionSchedule(retention);
    }

    static final class RetentionSchedule {
        private final Retention retention;

        RetentionSchedule(Retention retention) {
            this.retention = retention;
        }

        @Scheduled(cron = "${referrals.retention.cron:0 30 2 * * *}", zone = "Europe/London")
        void purge() {
            retention.purge();
        }
    }

    @Bean
    ChainVerifier chainVerifier(DecisionLog decisionLog) {
        return new ChainVerifier(decisionLog);
    }

    /** The log's reads for the explorer (issue 19). */
    @Bean
    ReviewService reviewService(DecisionLog decisionLog, Replayer replayer, ChainVerifier verifier, JsonMapper json) {
        return new ReviewService(decisionLog, replayer, verifier, json);
    }

    @Bean
    Replayer replayer(RulesetRegistry registry, RulesetArchive archive, DecisionService service, DecisionRequestReader reader, JsonMapper json) {
        return new Replayer(registry, archive, service, reader, json);
    }
}
