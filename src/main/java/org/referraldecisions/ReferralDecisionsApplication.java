package org.referraldecisions;

import java.nio.file.Path;

import org.referraldecisions.cli.Cli;
import org.referraldecisions.ruleset.CompiledRulesCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Referral Decision Service: applies the MARAC and MAPPA protocols to a case over HTTP. */
@SpringBootApplication
public class ReferralDecisionsApplication {

    /**
     * {@code serve} (or no command, or only {@code --name=value} settings) serves HTTP; any other first word is a
     * command line ({@code decide}, {@code test}, {@code help}, a mistyped command ...), run without starting Spring.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("serve")) {
            SpringApplication.run(ReferralDecisionsApplication.class, java.util.Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length == 0 || args[0].startsWith("--") && !Cli.HELP.contains(args[0])) {
            SpringApplication.run(ReferralDecisionsApplication.class, args);
        } else {
            // A terminal command shows its own output, not the engine's start-up chatter.
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(ch.qos.logback.classic.Level.WARN);
            // Commands compile only the rule sets that changed since the last run (README "Compiled rules cache").
            CompiledRulesCache.use(Path.of(System.getProperty("referrals.rules-cache-dir", "data/rules-cache").trim()));
            System.exit(new Cli(System.out, System.err, System.console() != null).run(args));
        }
    }
}
