package org.referraldecisions;

import org.referraldecisions.cli.Cli;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Referral Decision Service: applies the MARAC and MAPPA protocols to a case over HTTP. */
@SpringBootApplication
public class ReferralDecisionsApplication {

    /** With a command ({@code decide}, {@code test}, ...) runs the command line and exits; otherwise serves HTTP. */
    public static void main(String[] args) {
        if (args.length > 0 && Cli.COMMANDS.contains(args[0])) {
            // A terminal command shows its own output, not the engine's start-up chatter.
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(ch.qos.logback.classic.Level.WARN);
            System.exit(new Cli(System.out, System.err).run(args));
        }
        SpringApplication.run(ReferralDecisionsApplication.class, args);
    }
}
