package org.referraldecisions.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
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
        List<String> warnings,
        // Added after v1 (additive): the decision log's signed receipt. Not part of the logged response bytes (they are
        // hashed before the receipt exists), so it is left out when absent; see README "Decision log and review".
        @JsonInclude(JsonInclude.Include.NON_NULL) Receipt receipt) {

    /**
     * Proof that the decision is in the decision log: the record's place and hashes, and a checkpoint signed with the
     * log's Ed25519 key (published at {@code GET /v1/decision-log/keys}) over the Merkle root (RFC 9162) of the records
     * committed with it; {@code inclusionProof} (hex, nearest sibling first) leads from this record's leaf to that root.
     */
    public record Receipt(String decisionId, long seq, String requestSha256, String responseSha256, String recordHash,
                          List<String> inclusionProof, Checkpoint checkpoint) {
    }

    public record Checkpoint(String keyId, String logId, long firstSeq, long lastSeq, String treeRoot, String headHash, long keyedFrom,
                             String signedAt, String signature) {
    }

    /** This response with the log's receipt added (the logged bytes are the response without it). */
    public DecisionResponseV1 withReceipt(Receipt receipt) {
        return new DecisionResponseV1(decisionId, caseRef, asOf, decidedAt, ruleset, marac, informationSharing, mappa, actions,
                firedRules, unmetCriteria, warnings, receipt);
    }

    public record Ruleset(String area, String version, String sha256) {
    }

    public record Marac(boolean refer, List<MaracGround> grounds, boolean repeat, HearingType hearing, LeadForum lead) {
    }

    public record InformationSharing(SharingBasis basis) {
    }

    public record Mappa(boolean eligible, Integer category, Integer recommendedLevel, boolean leads) {
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
                d.warnings(),
                null);
    }
}
