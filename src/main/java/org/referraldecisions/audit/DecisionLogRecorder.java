package org.referraldecisions.audit;

import java.util.concurrent.CompletableFuture;

import org.referraldecisions.service.DecisionRecorder;
import org.referraldecisions.service.DecisionRequestV1;
import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.ruleset.CompiledRuleset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes each decision to the {@link DecisionLog} through the {@link GroupCommit} writer: the request as
 * validated (with {@code asOf} filled in) and the response as sent (without its receipt), which the log stores as a
 * {@link LoggedResponse} and hashes without writing it out a second time. If the commit fails, the
 * caller gets an error, never an unlogged decision.
 */
final class DecisionLogRecorder implements DecisionRecorder {

    private static final Logger log = LoggerFactory.getLogger(DecisionLogRecorder.class);

    private final GroupCommit writer;
    private final JsonMapper json;

    DecisionLogRecorder(GroupCommit writer, JsonMapper json) {
        this.writer = writer;
        this.json = json;
    }

    @Override
    public CompletableFuture<DecisionResponseV1.Receipt> record(DecisionRequestV1 request, DecisionResponseV1 response, CompiledRuleset ruleset, long durationNanos) {
        return writer.submit(new DecisionLog.Entry(response.decisionId(), response.decidedAt(), request.caseRef(),
                ruleset, durationNanos / 1000, json.writeValueAsString(request), null, response))
                .thenApply(logged -> {
                    if (log.isDebugEnabled()) {
                        log.debug("logged decision {} as #{} by {}", logged.record().decisionId(), logged.record().seq(), ruleset.id());
                    }
                    return logged.receipt();
                });
    }
}
