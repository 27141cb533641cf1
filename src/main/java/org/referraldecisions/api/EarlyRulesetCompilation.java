package org.referraldecisions.api;

import org.referraldecisions.service.DecisionService;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import org.referraldecisions.ruleset.CompiledRulesCache;
import org.referraldecisions.ruleset.RulesetCatalog;
import org.referraldecisions.ruleset.RulesetLoader;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Starts compiling the rule sets as soon as the configuration is known, before Spring builds the rest of
 * the service (web server, security, database, migrations), so the two overlap instead of adding up. The
 * service still does not start without them: {@link ServiceConfiguration} waits for the result, and a rule
 * set that does not compile fails start-up with its file and line as before. Registered in
 * {@code META-INF/spring.factories}.
 */
public final class EarlyRulesetCompilation implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The compilation under way: where from, when it started, and the catalogue it will give. */
    record Compilation(Path rulesDir, long startedNanos, CompletableFuture<RulesetCatalog> catalog) {

        /** Waits for the catalogue; a compilation failure is rethrown as it was raised. */
        RulesetCatalog await() {
            return DecisionService.await(catalog);
        }
    }

    static final String BEAN = "earlyRulesetCompilation";

    /** Where the rule sets are when {@code referrals.rules-dir} is not set; the beans use the same default. */
    static final String DEFAULT_RULES_DIR = "rules";

    /** Where compiled rule sets are kept ({@code referrals.rules-cache-dir}; empty: none). */
    static final String DEFAULT_RULES_CACHE_DIR = "data/rules-cache";

    static void useCompiledRulesCache(Environment environment) {
        CompiledRulesCache.use(Path.of(environment.getProperty("referrals.rules-cache-dir", DEFAULT_RULES_CACHE_DIR).trim()));
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Path rulesDir = Path.of(context.getEnvironment().getProperty("referrals.rules-dir", DEFAULT_RULES_DIR));
        useCompiledRulesCache(context.getEnvironment());
        long started = System.nanoTime();
        CompletableFuture<RulesetCatalog> catalog = new CompletableFuture<>();
        Thread compiler = new Thread(() -> {
            try {
                catalog.complete(RulesetLoader.load(rulesDir));
            } catch (Throwable e) {
                catalog.completeExceptionally(e);
            }
        }, "ruleset-compilation");
        compiler.setDaemon(true);
        compiler.start();
        context.getBeanFactory().registerSingleton(BEAN, new Compilation(rulesDir, started, catalog));
    }
}
