package org.referraldecisions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionService;
import org.referraldecisions.golden.GoldenRunner;
import org.referraldecisions.ruleset.RulesetCatalog;
import org.referraldecisions.ruleset.RulesetLoader;
import org.referraldecisions.ruleset.RulesetRegistry;

/** Small factories for tests that run without Spring: the repository's rules, a fixed clock, numbered ids. */
public final class Fixtures {

    public static final Path RULES = Path.of("rules");
    public static final Path CASES = Path.of("test-cases");
    /** Test API keys, configured by their hashes in src/test/resources/config/application.properties. */
    public static final String KEY_ALL_ROLES = "test-key-all-roles";
    public static final String KEY_CALLER = "test-key-caller";
    public static final String KEY_REVIEWER = "test-key-reviewer";
    public static final String KEY_POLICY_ADMIN = "test-key-policy-admin";
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-15T09:00:00Z"), ZoneOffset.UTC);

    private static RulesetCatalog catalog;
    private static Validator validator;

    private Fixtures() {
    }

    /** The repository's rule sets, compiled once per test JVM (compiling takes seconds). */
    public static synchronized RulesetCatalog catalog() {
        if (catalog == null) {
            catalog = RulesetLoader.load(RULES);
        }
        return catalog;
    }

    public static synchronized Validator validator() {
        if (validator == null) {
            validator = Validation.buildDefaultValidatorFactory().getValidator();
        }
        return validator;
    }

    public static DecisionRequestReader reader() {
        return new DecisionRequestReader(validator(), CLOCK);
    }

    public static DecisionService service(RulesetCatalog catalog) {
        AtomicLong next = new AtomicLong();
        return new DecisionService(new RulesetRegistry(catalog), CLOCK, () -> "decision-" + next.incrementAndGet());
    }

    /** A copy of a directory tree (e.g. the rules, to edit in a test without touching the repository). */
    public static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return to;
    }

    public static GoldenRunner goldenRunner() {
        return new GoldenRunner(reader(), service(catalog()));
    }
}
