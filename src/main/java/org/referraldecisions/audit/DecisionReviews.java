package org.referraldecisions.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.referraldecisions.service.DecisionResponseV1;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading the decision log on someone's behalf: each method takes the actor (a key id or token subject, or
 * {@code cli:<user>}) and records what they read in the {@link ReadAudit} before returning it. The review controller,
 * the command line and the explorer all read through here, so no door reads unaudited.
 */
public final class DecisionReviews {

    /** One page of a listing, oldest first, and whether another page follows. */
    record Page(List<DecisionRecord> records, boolean more) {
    }

    private final DecisionLog decisionLog;
    private final Replayer replayer;
    private final ChainVerifier verifier;
    private final ReadAudit audit;
    private final JsonMapper json;

    DecisionReviews(DecisionLog decisionLog, Replayer replayer, ChainVerifier verifier, ReadAudit audit, JsonMapper json) {
        this.decisionLog = decisionLog;
        this.replayer = replayer;
        this.verifier = verifier;
        this.audit = audit;
        this.json = json;
    }

    Optional<DecisionRecord> read(String actor, String decisionId) {
        Optional<DecisionRecord> found = decisionLog.find(decisionId);
        found.ifPresent(r -> audit.record(actor, ReadAudit.Action.READ, "decision id", 1, List.of(r.decisionId())));
        return found;
    }

    /** A case's decisions, newest first; audited as "by caseRef" with the ids returned, never the reference. */
    List<DecisionRecord> history(String actor, String caseRef, int limit) {
        List<DecisionRecord> records = decisionLog.history(caseRef, limit);
        audit.record(actor, ReadAudit.Action.HISTORY, "by caseRef", records.size(), ids(records));
        return records;
    }

    Page list(String actor, LogQuery query, int page, int size) {
        List<DecisionRecord> records = new ArrayList<>();
        long skip = (long) page * size;
        long[] seen = {0};
        decisionLog.forEachMatching(query, r -> {
            if (query.outcomeMatches(r.responseJson() == null ? null : json.readTree(r.responseJson())) && seen[0]++ >= skip
                    && records.size() <= size) {
                records.add(r);
            }
        });
        boolean more = records.size() > size;
        List<DecisionRecord> shown = more ? records.subList(0, size) : records;
        audit.record(actor, ReadAudit.Action.LIST, query.describe() + ", page " + page + " of " + size, shown.size(), ids(shown));
        return new Page(shown, more);
    }

    /** Streams the export to {@code line}; audited (filter and count) once it ends, also when it ends early. */
    public LogExport.Counts export(String actor, LogQuery query, Consumer<String> line) {
        int[] written = {0};
        LogExport.Counts counts = null;
        try {
            counts = new LogExport(decisionLog).export(query, l -> {
                line.accept(l);
                written[0]++;
            });
            return counts;
        } finally {
            audit.record(actor, ReadAudit.Action.EXPORT, query.describe() + (counts == null ? " (ended early)" : ""), written[0], List.of());
        }
    }

    Replayer.Report replay(String actor, DecisionRecord record, String otherVersion) {
        audit.record(actor, ReadAudit.Action.REPLAY, otherVersion == null ? "with the archived rule set" : "with version " + otherVersion, 1,
                List.of(record.decisionId()));
        return replayer.replay(record, otherVersion);
    }

    ChainVerifier.Verification verify(String actor, List<DecisionResponseV1.Receipt> receipts) {
        ChainVerifier.Verification verification = verifier.verify(receipts);
        audit.record(actor, ReadAudit.Action.VERIFY, receipts.isEmpty() ? "whole log" : "whole log and " + receipts.size() + " receipts",
                (int) Math.min(Integer.MAX_VALUE, verification.records()), receipts.stream().map(DecisionResponseV1.Receipt::decisionId).toList());
        return verification;
    }

    private static List<String> ids(List<DecisionRecord> records) {
        return records.stream().map(DecisionRecord::decisionId).toList();
    }
}
