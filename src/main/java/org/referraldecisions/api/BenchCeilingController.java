package org.referraldecisions.api;

import java.io.IOException;
import java.nio.file.Path;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.referraldecisions.golden.GoldenRunner;
import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionRequestV1;
import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.service.DecisionService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ceiling a decision is measured against in {@code src/bench/http-load.sh}: endpoints in the same JVM,
 * behind the same filters (throttle, bearer key, security headers), that do everything a decision does over
 * HTTP except read the case and decide it. {@code GET /v1/bench/hello} answers a word; {@code POST
 * /v1/bench/ceiling} reads the body up to the request limit, as a decision does, and answers one decision made
 * at start-up (a real response, serialised afresh each time). Only with the {@code bench} profile: a
 * service started without it has no such paths (404).
 */
@Hidden
@Profile("bench")
@RestController
class BenchCeilingController {

    private final DecisionRequestReader reader;
    private final DecisionResponseV1 canned;

    BenchCeilingController(DecisionRequestReader reader, DecisionService service,
                           @Value("${referrals.cases-dir:test-cases}") Path casesDir) {
        this.reader = reader;
        DecisionResponseV1 first = null;
        for (DecisionRequestV1 request : GoldenRunner.requestsThatDecide(casesDir, reader)) {
            try {
                // rehearse: a decision about nobody, never logged
                first = service.rehearse(request);
            } catch (RuntimeException undecided) {
                continue; // e.g. a case whose rule set is not loaded
            }
            if (first.marac().refer()) {
                break; // a referred case: a response of typical size, with listing, actions and trace
            }
        }
        if (first == null) {
            throw new IllegalStateException("the bench profile needs a golden case that decides, in " + casesDir);
        }
        this.canned = first;
    }

    @GetMapping(path = "/v1/bench/hello", produces = MediaType.TEXT_PLAIN_VALUE)
    String hello() {
        return "hello";
    }

    @PostMapping(path = "/v1/bench/ceiling", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    DecisionResponseV1 ceiling(HttpServletRequest request) throws IOException {
        RequestBodies.read(request, reader.limits().requestBytes(), RequestBodies.REQUEST_SIZE);
        return canned;
    }
}
