package org.referraldecisions.decision;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.referraldecisions.decision.facts.*;
import org.referraldecisions.ruleset.*;

class SpikeTests {
    @Test
    void spike() {
        long t = System.nanoTime();
        RulesetCatalog catalog = RulesetLoader.load(Path.of("rules"));
        System.out.println("load ms " + (System.nanoTime() - t) / 1_000_000);
        CompiledRuleset cl = catalog.select("cleveland", LocalDate.of(2026, 6, 15), null);
        cl.rules().forEach(System.out::println);
        CaseFacts facts = new CaseFacts(new AsOf(LocalDate.of(2026, 6, 15)), new Victim(30, Relationship.CURRENT_PARTNER, 2),
                new Perpetrator(33), new DashAssessment(15, 2, 27, 27, true),
                List.of(new PoliceIncident(LocalDate.of(2025, 6, 15)), new PoliceIncident(LocalDate.of(2026, 1, 1)), new PoliceIncident(LocalDate.of(2026, 2, 1))),
                null, new PreviousMaracReferral(LocalDate.of(2025, 8, 1), "cleveland"),
                new CurrentIncident(LocalDate.of(2026, 6, 1), Set.of(IncidentType.VIOLENCE_OR_THREATS)),
                new SafeguardingContext(false, false, false), new Consent(true, false, false, true),
                new Urgency(false, false, false, false),
                new Offender(false, true, 14, false, true, true, RiskOfSeriousHarm.HIGH, 2, ManagingAgency.PROBATION), null, false);
        Decision d = DecisionEngine.decide(cl, facts);
        System.out.println(d);
    }
}
