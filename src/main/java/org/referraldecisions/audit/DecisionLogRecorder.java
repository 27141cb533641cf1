package org.referraldecisions.audit;

import org.referraldecisions.api.DecisionRecorder;
import org.referraldecisions.api.DecisionRequestV1;
import org.referraldecisions.api.DecisionResponseV1;
import org.referraldecisions.ruleset.CompiledRuleset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes each decision to the {@link DecisionLog} in the deciding thread: the request as validated (with
 * {@code asOf} filled in) and the response exactly as sent. If the insert fails, the caller gets an error,
 * never an unlogged decision.
 */
final class DecisionLogRecorder implements DecisionRecorder {

    private static final Logger log = LoggerFactory.getLogger(DecisionLogRecorder.class);

    private final DecisionLog decisionLog;
    private final JsonMapper json;

    DecisionLogRecorder(DecisionLog decisionLog, JsonMapper json) {
        this.decisionLog = decisionLog;
        this.json = json;
    }

    @Override
    public void record(DecisionRequestV1 request, DecisionResponseV1 response, CompiledRuleset ruleset, long durationNanos) {
        DecisionRecord r = decisionLog.append(new DecisionLog.Entry(response.decisionId(), response.decidedAt(), request.caseRef(),
                ruleset, durationNanos / 1000, json.writeValueAsString(request), json.writeValueAsString(response)));
        if (log.isDebugEnabled()) {
            log.debug("logged decision {} as #{} by {}", r.decisionId(), r.seq(), ruleset.id());
        }
    }
}
