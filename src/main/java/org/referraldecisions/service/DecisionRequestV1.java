package org.referraldecisions.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.referraldecisions.decision.facts.DashAnswer;
import org.referraldecisions.decision.facts.IncidentType;
import org.referraldecisions.decision.facts.JudgementGround;
import org.referraldecisions.decision.facts.ManagingAgency;
import org.referraldecisions.decision.facts.Relationship;
import org.referraldecisions.decision.facts.RiskOfSeriousHarm;

/**
 * {@code POST /v1/decisions} request body, contract version 1. No names, dates of birth or addresses:
 * the caller identifies the case by its own pseudonymous {@code caseRef}. All dates are ISO {@code YYYY-MM-DD}.
 */
@Schema(name = "DecisionRequestV1")
public record DecisionRequestV1(
        @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-'")
        String caseRef,
        @NotNull @Pattern(regexp = "[a-z][a-z0-9-]{0,63}", message = "must be a lower-case area name, e.g. cleveland")
        String area,
        @Schema(description = "date the decision is made for, 1900-01-01 to a year from today; default today (Europe/London) when left out (null is refused)")
        LocalDate asOf,
        @Size(min = 1, max = 64)
        String rulesetVersion,
        @NotNull @Valid Victim victim,
        @NotNull @Valid Perpetrator perpetrator,
        @Valid Dash dash,
        @Schema(description = "at most referrals.limits.police-incidents entries (default 1000)")
        List<@NotNull @Valid DatedIncident> policeIncidents,
        @Valid ProfessionalJudgement professionalJudgement,
        @Valid PreviousReferral previousMaracReferral,
        @Valid CurrentIncident currentIncident,
        @Valid Context context,
        @Valid Consent consent,
        @Valid Urgency urgency,
        @Valid Offender offender,
        @Valid MappaScreening mappaScreening,
        Boolean maracPlanInsufficient,
        @Schema(description = "when the abuse was disclosed or the risk assessment done (YYYY-MM-DD); optional, not after asOf"
                + " nor before 1900-01-01. Areas that count from disclosure (e.g. a referral heard within 6 weeks of it) use it")
        LocalDate disclosureDate,
        @Schema(description = "the area's locality whose MARAC hears the case, as the area's calendar names it (Cleveland: "
                + "'North Tees' or 'South Tees'; GET /v1/rulesets lists each area's localities); optional. Never a postcode or "
                + "address. Without it no meeting is listed. An unknown locality is refused (400)", example = "North Tees")
        @Size(min = 1, max = 64)
        String locality) {

    /** A copy with {@code asOf} filled in. */
    DecisionRequestV1 withAsOf(LocalDate date) {
        return new DecisionRequestV1(caseRef, area, date, rulesetVersion, victim, perpetrator, dash, policeIncidents,
                professionalJudgement, previousMaracReferral, currentIncident, context, consent, urgency, offender,
                mappaScreening, maracPlanInsufficient, disclosureDate, locality);
    }

    public record Victim(
            @NotNull @Min(0) @Max(120) Integer age,
            @NotNull Relationship relationship,
            @Min(0) @Max(50) Integer childrenInHousehold) {
    }

    public record Perpetrator(@NotNull @Min(0) @Max(120) Integer age) {
    }

    public record Dash(
            @Schema(description = "DASH question id -> YES / NO / DONT_KNOW; missing ids count as not answered")
            Map<String, @NotNull DashAnswer> answers,
            Boolean riskWithinLastThreeMonths) {
    }

    public record DatedIncident(@NotNull LocalDate date) {
    }

    public record ProfessionalJudgement(
            @NotNull Boolean concerned,
            List<@NotNull JudgementGround> grounds,
            @Schema(description = "free text; at most referrals.limits.rationale-length characters (default 4000)") String rationale) {
    }

    public record PreviousReferral(
            @NotNull LocalDate date,
            @Pattern(regexp = "[a-z][a-z0-9-]{0,63}", message = "must be a lower-case area name, e.g. cleveland") String area) {
    }

    public record CurrentIncident(
            @NotNull LocalDate date,
            @NotEmpty List<@NotNull IncidentType> types) {
    }

    public record Context(Boolean honourBasedViolence, Boolean forcedMarriage, Boolean femaleGenitalMutilation) {
    }

    public record Consent(@NotNull Boolean victimAware, @NotNull Boolean consentGiven, @NotNull Boolean significantConcern) {
    }

    public record Urgency(Boolean significantRiskOfHarm, Boolean escalatingAbuse, Boolean possibleHomicide, Boolean riskToChildren) {
    }

    public record Offender(
            Boolean registeredSexOffender,
            Boolean relevantViolentOrSexualConviction,
            @Min(0) @Max(1200) Integer custodialSentenceMonths,
            Boolean hospitalOrGuardianshipOrder,
            Boolean convictionOrCaution,
            Boolean underStatutorySupervision,
            RiskOfSeriousHarm riskOfSeriousHarm,
            @Min(0) @Max(3) Integer mappaLevel,
            ManagingAgency managingAgency) {
    }

    public record MappaScreening(
            @Min(0) @Max(50) Integer agenciesNeeded,
            Boolean policeAndProbationInvolved,
            Boolean currentActiveRisk,
            Boolean addsValue,
            Boolean mediaOrPublicInterest,
            Boolean seniorResourcesNeeded) {
    }
}
