package org.referraldecisions.decision.facts;

/** The person at risk. No name, date of birth or address: only what the rules need. */
public record Victim(int age, Relationship relationship, int childrenInHousehold) {
}
