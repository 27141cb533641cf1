package org.referraldecisions.decision.facts;

import java.time.LocalDate;
import java.util.Set;

/** The incident that prompted this assessment. */
public record CurrentIncident(LocalDate date, Set<IncidentType> types) {

    public CurrentIncident {
        types = Set.copyOf(types);
    }

    public boolean involves(IncidentType type) {
        return types.contains(type);
    }
}
