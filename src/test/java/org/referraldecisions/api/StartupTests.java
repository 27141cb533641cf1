package org.referraldecisions.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.referraldecisions.ReferralDecisionsApplication;
import org.referraldecisions.ruleset.RulesetException;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A rule set that does not compile stops the service, naming the file and line. */
class StartupTests {

    @Test
    void aSyntaxErrorInTheRulesStopsStartUpWithFileAndLine(@TempDir Path temp) throws IOException {
        Path area = temp.resolve("rules/broken/2026-01");
        Files.createDirectories(area);
        Files.writeString(area.resolve("ruleset.yaml"), "area: broken\nversion: \"2026-01\"\neffectiveFrom: 2026-01-01\n");
        Files.writeString(area.resolve("thresholds.drl"), """
                package broken;

                rule "Missing its end"
                    @citation("Cleveland 8.2.2") @explanation("broken on purpose")
                when
                    String( length > )
                then
                end
                """);
        assertThatThrownBy(() -> new SpringApplicationBuilder(ReferralDecisionsApplication.class)
                .run("--referrals.rules-dir=" + temp.resolve("rules"), "--server.port=0").close())
                .satisfies(e -> {
                    Throwable root = e;
                    while (root.getCause() != null && !(root instanceof RulesetException)) {
                        root = root.getCause();
                    }
                    assertThat(root).isInstanceOf(RulesetException.class);
                    assertThat(root.getMessage()).containsPattern("rules/broken/2026-01/thresholds\\.drl:6: ");
                });
    }
}
