package org.referraldecisions.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.referraldecisions.Fixtures;
import org.referraldecisions.golden.GoldenRunner;
import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RulesetCatalog;
import org.referraldecisions.ruleset.UnknownRulesetException;
import org.referraldecisions.service.DecisionRequestV1;
import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.service.DecisionService;
import org.referraldecisions.service.InvalidRequestException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The log stores a response without its fired rules' text (rule numbers instead): on every golden case the rebuilt
 * text is byte for byte what the JSON writer makes of the whole response, its hash is that text's, and it comes back
 * through sealing and opening.
 */
class LoggedResponseTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temp;

    @Test
    void everyGoldenDecisionIsRebuiltByteForByteFromItsSkeletonAndRuleNumbers() {
        RulesetCatalog catalog = Fixtures.catalog();
        DecisionService service = Fixtures.service(catalog);
        SealedBodies bodies = new SealedBodies(new DataKeys(temp.resolve("master.key"), temp.resolve("keys"), true));
        List<DecisionRequestV1> requests = GoldenRunner.requestsThatDecide(Fixtures.CASES, Fixtures.reader());
        assertThat(requests).hasSizeGreaterThan(300);
        long whole = 0;
        long compact = 0;
        int decided = 0;
        for (DecisionRequestV1 request : requests) {
            DecisionResponseV1 response;
            try {
                response = service.rehearse(request);
            } catch (InvalidRequestException | UnknownRulesetException e) {
                continue; // a golden case of a refusal (an unknown locality, no rule set in force on the date)
            }
            decided++;
            CompiledRuleset ruleset = catalog.all().stream().filter(r -> r.sha256().equals(response.ruleset().sha256())).findFirst().orElseThrow();
            FiredRuleCatalogue catalogue = FiredRuleCatalogue.of(ruleset);
            String text = JSON.writeValueAsString(response);

            LoggedResponse logged = LoggedResponse.of(response, JSON, catalogue);
            assertThat(logged).as(request.caseRef()).isNotNull();
            assertThat(logged.skeleton()).contains("\"firedRules\":[]").doesNotContain(response.firedRules().isEmpty() ? "\u0000" : response.firedRules().get(0).explanation());
            assertThat(logged.rules()).hasSize(response.firedRules().size());
            assertThat(logged.text(catalogue)).as(request.caseRef()).isEqualTo(text);
            assertThat(logged.sha256(catalogue)).isEqualTo(Sha256.hex(text));

            String requestJson = JSON.writeValueAsString(request);
            SealedBodies.Bodies opened = bodies.open(response.decisionId(), "2026-11",
                    bodies.seal(response.decisionId(), "2026-11", requestJson, logged));
            assertThat(opened.requestJson()).isEqualTo(requestJson);
            assertThat(opened.responseJson()).isNull();
            assertThat(opened.compact().text(catalogue)).isEqualTo(text);
            whole += bodies.seal(response.decisionId(), "2026-11", requestJson, text).length;
            compact += bodies.seal(response.decisionId(), "2026-11", requestJson, logged).length;
        }
        assertThat(decided).isGreaterThan(300);
        // The point of the second form: well under two thirds of the bytes of the first (0.56 on 2026-11-28).
        assertThat(compact * 3).as("compact %d against whole %d bytes", compact, whole).isLessThan(whole * 2);
    }

    @Test
    void aCatalogueNumbersRulesByWhatTheyAreNotByHowTheEngineOrdersThem() {
        CompiledRuleset ruleset = Fixtures.catalog().all().get(0);
        FiredRuleCatalogue first = FiredRuleCatalogue.of(ruleset);
        FiredRuleCatalogue again = FiredRuleCatalogue.of(ruleset);
        assertThat(first.size()).isPositive().isEqualTo(again.size());
        for (int i = 0; i < first.size(); i++) {
            assertThat(first.json(i)).isEqualTo(again.json(i));
        }
        assertThat(first.numberOf(new DecisionResponseV1.FiredRule("no such rule", ruleset.id().toString(), List.of(), "x"))).isEqualTo(-1);
    }

    @Test
    void aStoredNumberTheRuleSetDoesNotHaveIsAnUnreadableBodyNotAGuess() {
        CompiledRuleset ruleset = Fixtures.catalog().all().get(0);
        FiredRuleCatalogue catalogue = FiredRuleCatalogue.of(ruleset);
        LoggedResponse tampered = new LoggedResponse("{\"firedRules\":[]}", new int[] {catalogue.size()});
        assertThatThrownBy(() -> tampered.text(catalogue)).isInstanceOf(SealedBodies.UnreadableBodyException.class)
                .hasMessageContaining("does not have");
        assertThatThrownBy(() -> new LoggedResponse("{}", new int[0]).text(catalogue)).isInstanceOf(SealedBodies.UnreadableBodyException.class);
    }

    @Test
    void aCaseReferenceThatSpellsTheFieldDoesNotMoveTheSplice() {
        CompiledRuleset ruleset = Fixtures.catalog().all().get(0);
        FiredRuleCatalogue catalogue = FiredRuleCatalogue.of(ruleset);
        String skeleton = JSON.writeValueAsString(java.util.Map.of("caseRef", "\"firedRules\":[]")).replace("}", ",\"firedRules\":[]}");
        LoggedResponse logged = new LoggedResponse(skeleton, new int[] {0});
        assertThat(logged.text(catalogue)).startsWith("{\"caseRef\":\"\\\"firedRules\\\":[]\",\"firedRules\":[{");
    }
}
