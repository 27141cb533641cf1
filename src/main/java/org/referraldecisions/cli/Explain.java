package org.referraldecisions.cli;

import org.referraldecisions.service.DecisionResponseV1;

/** A decision in plain English, for policy owners reading it in a terminal. */
final class Explain {

    private Explain() {
    }

    static String decision(DecisionResponseV1 d) {
        StringBuilder s = new StringBuilder();
        s.append("Case ").append(d.caseRef()).append(", decided for ").append(d.asOf())
                .append(" by ").append(d.ruleset().area()).append('@').append(d.ruleset().version())
                .append(" (sha256 ").append(d.ruleset().sha256(), 0, 12).append("…)\n\n");
        DecisionResponseV1.Marac m = d.marac();
        s.append(m.refer() ? "REFER to MARAC" : "DO NOT REFER to MARAC");
        if (!m.grounds().isEmpty()) {
            s.append(" on ").append(m.grounds());
        }
        s.append(m.repeat() ? " (repeat case)" : "").append('\n');
        s.append("Hearing: ").append(m.hearing()).append("   Lead: ").append(m.lead())
                .append("   Information sharing: ").append(d.informationSharing().basis()).append('\n');
        DecisionResponseV1.Listing l = m.listing();
        if (l != null && l.meetingDate() != null) {
            s.append("Listed at: the ").append(l.locality()).append(" MARAC on ").append(l.meetingDate())
                    .append(", referral deadline ").append(l.referralDeadline())
                    .append(Boolean.TRUE.equals(l.late()) ? " (LATE: " + l.lateMeans() + ")" : "")
                    .append("  [").append(l.citation()).append("]\n");
        } else if (l != null) {
            s.append("Emergency hearing by: ").append(l.emergencyDeadline()).append("  [").append(l.citation()).append("]\n");
        }
        s.append("MAPPA: eligible ").append(d.mappa().eligible()).append(", category ").append(d.mappa().category())
                .append(", recommended level ").append(d.mappa().recommendedLevel())
                .append(", MAPP meeting leads ").append(d.mappa().leads()).append("\n\n");
        s.append("Rules that fired, in order:\n");
        int n = 1;
        for (DecisionResponseV1.FiredRule rule : d.firedRules()) {
            s.append(String.format("%3d. %s  [%s; %s]%n       %s%n", n++, rule.rule(), rule.ruleset(),
                    String.join(", ", rule.citations()), rule.explanation()));
        }
        if (!d.unmetCriteria().isEmpty()) {
            s.append("\nThresholds checked and not met:\n");
            d.unmetCriteria().forEach(u -> s.append("  - ").append(u.criterion()).append(": ").append(u.explanation()).append('\n'));
        }
        if (!d.actions().isEmpty()) {
            s.append("\nWhat must happen next:\n");
            d.actions().forEach(a -> s.append("  - ").append(a.code()).append(" (").append(a.owner()).append("; ")
                    .append(a.citation()).append(a.dueBy() == null ? "" : "; due by " + a.dueBy()).append(")\n"));
        }
        if (!d.warnings().isEmpty()) {
            s.append("\nWarnings:\n");
            d.warnings().forEach(w -> s.append("  - ").append(w).append('\n'));
        }
        return s.toString();
    }
}
