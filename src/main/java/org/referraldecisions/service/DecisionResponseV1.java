package org.referraldecisions.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.referraldecisions.decision.Decision;
import org.referraldecisions.decision.facts.HearingType;
import org.referraldecisions.decision.facts.LeadForum;
import org.referraldecisions.decision.facts.MaracGround;
import org.referraldecisions.decision.facts.SharingBasis;

/** {@code POST /v1/decisions} response body, contract version 1. */
@Schema(name = "DecisionResponseV1")
public record DecisionResponseV1(
        String decisionId,
        String caseRef,
        LocalDate asOf,
        Instant decidedAt,
        Ruleset ruleset,
        Marac marac,
        InformationSharing informationSharing,
        Mappa mappa,
        List<Action> actions,
        List<FiredRule> firedRules,
        List<Unmet> unmetCriteria,
        List<String> warnings) {

    public record Ruleset(String area, String version, String sha256) {
    }

    public record Marac(boolean refer, List<MaracGround> grounds, boolean repeat, HearingType hearing, LeadForum lead) {
    }

    public record InformationSharing(SharingBasis basis) {
    }

    public record Mappa(boolean eligible,
                        @Schema(description = "MAPPA category 1-3; null when not eligible", minimum = "1", maximum = "3", nullable = true)
                        Integer category,
                        @Schema(description = "recommended MAPPA management level 1-3; null when not eligible", minimum = "1", maximum = "3",
                                nullable = true)
                        Integer recommendedLevel,
                        boolean leads) {
    }

    public record Action(String code, String owner, String citation) {
    }

    public record FiredRule(String rule, String ruleset, List<String> citations, String explanation) {
    }

    public record Unmet(String criterion, String explanation) {
    }

    static DecisionResponseV1 of(String decisionId, DecisionRequestV1 request, Instant decidedAt, Decision d) {
        return new DecisionResponseV1(
                decisionId,
                request.caseRef(),
                request.asOf(),
                decidedAt,
                new Ruleset(d.ruleset().area(), d.ruleset().version(), d.rulesetSha256()),
                new Marac(d.refer(), d.grounds(), d.repeat(), d.hearing(), d.lead()),
                new InformationSharing(d.informationSharing()),
                new Mappa(d.mappa().eligible(), d.mappa().category(), d.mappa().recommendedLevel(), d.mappa().leads()),
                d.actions().stream().map(a -> new Action(a.code(), a.owner(), a.citation())).toList(),
                d.firedRules().stream().map(f -> new FiredRule(f.rule(), f.ruleset().toString(), f.citations(), f.explanation())).toList(),
                d.unmetCriteria().stream().map(u -> new Unmet(u.criterion(), u.explanation())).toList(),
                d.warnings());
    }
}
