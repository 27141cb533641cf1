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

    /** This response with other fired rules (the decision log stores a response without them, as rule identities). */
    public DecisionResponseV1 withFiredRules(List<FiredRule> rules) {
        return new DecisionResponseV1(decisionId, caseRef, asOf, decidedAt, ruleset, marac, informationSharing, mappa, actions,
                rules, unmetCriteria, warnings, receipt);
    }

    public record Ruleset(String area, String version, String sha256) {
    }

    /**
     * @param listing where and by when a referred case is heard: null when the case is not referred, or no meeting
     *                could be listed (no locality given, or a date beyond the area's loaded calendar: see {@code warnings})
     */
    public record Marac(boolean refer, List<MaracGround> grounds, boolean repeat, HearingType hearing, LeadForum lead,
                        @Schema(description = "where and by when a referred case is heard, worked out by the area's rules from asOf, "
                                + "disclosureDate, locality and the area's MARAC calendar: null when not referred or no meeting "
                                + "could be listed (a warning then says why)", nullable = true)
                        Listing listing) {
    }

    /**
     * The meeting a referred case should be heard at, or for an emergency hearing the date it is held by.
     *
     * @param meetingDate       the MARAC meeting the case should be heard at (absent for an emergency hearing)
     * @param locality          the locality that meeting serves
     * @param referralDeadline  the last day the referral may reach the MARAC for that meeting (absent for an emergency hearing)
     * @param late              true when the referral missed the next meeting's deadline, so {@code meetingDate} is a later
     *                          meeting (absent for an emergency hearing)
     * @param lateMeans         what a late referral means in this area, in the protocol's words (absent when not late)
     * @param emergencyDeadline the date by which the emergency hearing is held, instead of a listed meeting
     * @param citation          the paragraph(s) the listing follows
     */
    @Schema(name = "MaracListing", description = "Which MARAC hears the case and by when the referral must arrive; or, for an"
            + " emergency hearing, the date it is held by. Dates are ISO YYYY-MM-DD.")
    public record Listing(
            @Schema(description = "the MARAC meeting the case should be heard at: null for an emergency hearing", nullable = true) LocalDate meetingDate,
            @Schema(description = "the locality that meeting serves, as the area's calendar names it; null for an emergency hearing when no locality was given", nullable = true) String locality,
            @Schema(description = "the last day the referral may arrive for that meeting (N working days before it, N the area's"
                    + " figure): null for an emergency hearing", nullable = true) LocalDate referralDeadline,
            @Schema(description = "true when the referral missed the next meeting's deadline and meetingDate is a later one;"
                    + " null for an emergency hearing", nullable = true) Boolean late,
            @Schema(description = "what a late referral means in this area: null when not late", nullable = true) String lateMeans,
            @Schema(description = "for an emergency hearing: the date by which it is held, instead of a listed meeting", nullable = true) LocalDate emergencyDeadline,
            @Schema(description = "the paragraph(s) the listing follows, e.g. \"Cleveland 7.1.1, Cleveland 8.1.4\"") String citation) {
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

    /** @param dueBy the date by which the action is due, where its paragraph gives a time: null otherwise */
    public record Action(String code, String owner, String citation,
                         @Schema(description = "the date (ISO YYYY-MM-DD) by which the action is due, where its paragraph gives a time"
                                 + " (24 hours, N working days, N days before the meeting): null otherwise", nullable = true) LocalDate dueBy) {
    }

    public record FiredRule(String rule, String ruleset, List<String> citations, String explanation) {
    }

    public record Unmet(String criterion, String explanation) {
    }

    private static Listing listing(org.referraldecisions.decision.facts.Listing l) {
        return l == null ? null : new Listing(l.meetingDate(), l.locality(), l.referralDeadline(), l.late(), l.lateMeans(),
                l.emergencyDeadline(), l.citation());
    }

    static DecisionResponseV1 of(String decisionId, DecisionRequestV1 request, Instant decidedAt, Decision d) {
        return new DecisionResponseV1(
                decisionId,
                request.caseRef(),
                request.asOf(),
                decidedAt,
                new Ruleset(d.ruleset().area(), d.ruleset().version(), d.rulesetSha256()),
                new Marac(d.refer(), d.grounds(), d.repeat(), d.hearing(), d.lead(), listing(d.listing())),
                new InformationSharing(d.informationSharing()),
                new Mappa(d.mappa().eligible(), d.mappa().category(), d.mappa().recommendedLevel(), d.mappa().leads()),
                d.actions().stream().map(a -> new Action(a.code(), a.owner(), a.citation(), a.dueBy())).toList(),
                d.firedRules().stream().map(f -> new FiredRule(f.rule(), f.ruleset().toString(), f.citations(), f.explanation())).toList(),
                d.unmetCriteria().stream().map(u -> new Unmet(u.criterion(), u.explanation())).toList(),
                d.warnings(),
                null);
    }
}
