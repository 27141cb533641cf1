package org.referraldecisions.decision.facts;

/** Kinds of behaviour in a further incident, as the repeat definitions list them. */
public enum IncidentType {
    VIOLENCE_OR_THREATS, STALKING_OR_HARASSMENT_PATTERN, RAPE_OR_SEXUAL_ABUSE, OTHER
}
