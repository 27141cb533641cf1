package org.referraldecisions.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Period;
import java.util.List;

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

    /**
     * The decision log's keys (README "Decision log and review"): the Ed25519 signing key from its file (made there if
     * absent and allowed), and retired keys (private or public PEM files) kept to verify what they signed.
     */
    @Bean
    KeyRing decisionLogKeys(@Value("${referrals.decision-log.signing-key-file:./data/decision-log-signing-key.pem}") Path signingKeyFile,
                            @Value("${referrals.decision-log.generate-signing-key:false}") boolean generate,
                            @Value("${referrals.decision-log.retired-key-files:}") List<Path> retired) {
        return KeyRing.load(signingKeyFile, generate, retired == null ? List.of() : retired.stream().filter(java.util.Objects::nonNull).toList());
    }

    @Bean
    Checkpoints checkpoints(JdbcTemplate jdbc) {
        return new Checkpoints(jdbc);
    }

    /** This instance's append-only checkpoint file ({@code <checkpoint-dir>/<instance>.jsonl}). */
    @Bean(destroyMethod = "close")
    CheckpointFile checkpointFile(@Value("${referrals.decision-log.checkpoint-dir:./data/checkpoints}") Path directory,
                                  @Value("${referrals.decision-log.instance:main}") String instance,
                                  @Value("${referrals.decision-log.checkpoint-file-sync:1s}") java.time.Duration sync) {
        return new CheckpointFile(directory, instance, sync);
    }

    @Bean
    DecisionLog decisionLog(JdbcTemplate jdbc, TransactionTemplate tx, RulesetArchive archive, DataKeys dataKeys, KeyRing keys,
                            Checkpoints checkpoints, Clock clock, JsonMapper json) {
        return new DecisionLog(jdbc, tx, archive, new SealedBodies(dataKeys), new LogSeal(keys, checkpoints, clock), json);
    }

    /** The per-month data keys, outside the database, wrapped by the master key (see {@link DataKeys}). */
    @Bean
    DataKeys dataKeys(Environment environment) {
        return DataKeys.fromSettings(environment);
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
                            @Value("${referrals.decision-log.linger:1ms}") java.time.Duration linger,
                            @Value("${spring.datasource.url:}") String url, CheckpointFile checkpointFile, ObjectProvider<MeterRegistry> meters) {
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase().replace(" ", "").contains("DB_CLOSE_ON_EXIT=FALSE")) {
            log.warn("spring.datasource.url is an H2 database without DB_CLOSE_ON_EXIT=FALSE: on SIGTERM H2 closes it from its own "
                    + "exit hook while requests in flight still commit, and they fail; add ;DB_CLOSE_ON_EXIT=FALSE");
        }
        // The database file itself, now that Flyway has created it: owner-only (0600).
        DataKeys.OwnerOnly.restrictEmbeddedDatabase(url);
        return new GroupCommit(decisionLog, maxPerCommit, linger, checkpointFile, meters.getIfAvailable());
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
    ChainVerifier chainVerifier(DecisionLog decisionLog, Checkpoints checkpoints, KeyRing keys, Retention retention, CheckpointFile checkpointFile) {
        return new ChainVerifier(decisionLog, checkpoints, keys, retention, checkpointFile.path().toAbsolutePath().getParent());
    }

    @Bean
    ReadAudit readAudit(JdbcTemplate jdbc, Clock clock) {
        return new ReadAudit(jdbc, clock);
    }

    @Bean
    DecisionReviews decisionReviews(DecisionLog decisionLog, Replayer replayer, ChainVerifier verifier, ReadAudit audit, JsonMapper json) {
        return new DecisionReviews(decisionLog, replayer, verifier, audit, json);
    }

    /** The log's reads for the explorer (issue 19). */
    @Bean
    ReviewService reviewService(DecisionLog decisionLog, DecisionReviews reviews, ReadAudit audit, JsonMapper json) {
        return new ReviewService(decisionLog, reviews, audit, json);
    }

    @Bean
    Replayer replayer(RulesetRegistry registry, RulesetArchive archive, DecisionService service, DecisionRequestReader reader, JsonMapper json) {
        return new Replayer(registry, archive, service, reader, json);
    }
}
