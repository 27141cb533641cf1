package org.referraldecisions.decision.facts;

/** The 27 questions of the SafeLives DASH risk identification checklist, in the Cleveland referral form's order. */
public enum DashQuestion {
    CURRENT_INJURY,
    VERY_FRIGHTENED,
    AFRAID_OF_FURTHER_HARM,
    ISOLATED,
    DEPRESSED_OR_SUICIDAL,
    SEPARATION,
    CHILD_CONTACT_CONFLICT,
    STALKING_HARASSMENT,
    PREGNANCY_OR_NEW_BABY,
    CHILDREN_OR_DEPENDANTS_IN_HOUSEHOLD,
    HURT_CHILDREN_OR_DEPENDANTS,
    THREATENED_CHILDREN_OR_DEPENDANTS,
    ABUSE_MORE_OFTEN,
    ABUSE_GETTING_WORSE,
    CONTROLLING_OR_JEALOUS,
    WEAPONS_USED,
    THREATS_TO_KILL,
    STRANGULATION,
    SEXUAL_ABUSE,
    OTHER_PERSON_THREATENING,
    HURT_ANYONE_ELSE,
    ANIMAL_ABUSE,
    FINANCIAL_ISSUES,
    SUBSTANCE_OR_MENTAL_HEALTH,
    PERPETRATOR_SUICIDE_THREATS,
    BREACHED_BAIL_OR_ORDER,
    CRIMINAL_HISTORY;

    /** The question's id on the wire, e.g. {@code threats_to_kill}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
