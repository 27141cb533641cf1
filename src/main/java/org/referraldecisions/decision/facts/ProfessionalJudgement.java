package org.referraldecisions.decision.facts;

import java.util.List;

/** The referring practitioner's professional judgement, with the concerns and rationale they stated. */
public record ProfessionalJudgement(boolean concerned, List<JudgementGround> grounds, String rationale) {

    public ProfessionalJudgement {
        grounds = List.copyOf(grounds);
    }
}
