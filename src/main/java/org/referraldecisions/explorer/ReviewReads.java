package org.referraldecisions.explorer;

import java.util.List;
import java.util.Optional;

import org.referraldecisions.audit.ReviewService;

/**
 * Every read of the decision log the explorer makes, in one place, each naming who reads. When the decision log's
 * audited reads (who read, replayed or verified which decision) are merged, only this class changes to call them.
 */
final class ReviewReads {

    private final ReviewService reviews;

    ReviewReads(ReviewService reviews) {
        this.reviews = reviews;
    }

    Optional<ReviewService.Logged> find(String actor, String decisionId) {
        return reviews.find(actor, decisionId);
    }

    List<ReviewService.Logged> history(String actor, String caseRef) {
        return reviews.history(actor, caseRef);
    }

    Optional<ReviewService.Replay> replay(String actor, String decisionId) {
        return reviews.replay(actor, decisionId);
    }

    ReviewService.Corpus corpus(String actor, String area, java.time.LocalDate from, java.time.LocalDate to, int max) {
        return reviews.corpus(actor, area, from, to, max);
    }

    ReviewService.Verification verify(String actor) {
        return reviews.verify(actor);
    }
}
