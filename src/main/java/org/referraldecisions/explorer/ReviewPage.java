package org.referraldecisions.explorer;

import java.util.List;
import java.util.Map;

import org.referraldecisions.audit.ReviewService;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Review a logged decision: find it by decision id or by case reference (posted, never in a URL), read the stored
 * request and response, the rule set that decided it and the trace; replay it with that rule set and verify the
 * log's hash chain, each with its result in plain words. Every read goes through {@link ReviewReads}, naming who read.
 */
@Controller
class ReviewPage {

    private final ReviewReads reads;
    private final JsonMapper json;

    ReviewPage(ReviewReads reads, JsonMapper json) {
        this.reads = reads;
        this.json = json;
    }

    @GetMapping("/explorer/review")
    String form() {
        return "explorer/review";
    }

    @PostMapping("/explorer/review")
    String find(@RequestParam(defaultValue = "") String decisionId, @RequestParam(defaultValue = "") String caseRef,
                Authentication who, Model model) {
        String id = decisionId.trim();
        String ref = caseRef.trim();
        if (!id.isEmpty()) {
            return show(id, who, model);
        }
        if (ref.isEmpty()) {
            model.addAttribute("problem", "Give a decision id or a case reference.");
            return "explorer/review";
        }
        List<ReviewService.Logged> history = reads.history(who.getName(), ref);
        if (history.size() == 1) {
            return show(history.get(0).decisionId(), who, model);
        }
        model.addAttribute("caseRef", ref);
        model.addAttribute("history", history);
        if (history.isEmpty()) {
            model.addAttribute("problem", "No decision for that case reference is in the log.");
        }
        return "explorer/review";
    }

    @PostMapping("/explorer/review/replay")
    String replay(@RequestParam String decisionId, Authentication who, Model model) {
        try {
            reads.replay(who.getName(), decisionId).ifPresent(r -> model.addAttribute("replay", r));
        } catch (ReviewService.PurgedException e) {
            model.addAttribute("replayProblem", e.getMessage());
        }
        return show(decisionId, who, model);
    }

    @PostMapping("/explorer/review/verify")
    String verify(@RequestParam(defaultValue = "") String decisionId, Authentication who, Model model) {
        model.addAttribute("verification", reads.verify(who.getName()));
        return decisionId.isBlank() ? "explorer/review" : show(decisionId, who, model);
    }

    private String show(String decisionId, Authentication who, Model model) {
        ReviewService.Logged logged = reads.find(who.getName(), decisionId).orElse(null);
        if (logged == null) {
            model.addAttribute("problem", "No decision with that id is in the log.");
            return "explorer/review";
        }
        model.addAttribute("logged", logged);
        model.addAttribute("decision", logged.response() == null ? null : json.convertValue(logged.response(), Map.class));
        model.addAttribute("requestJson", pretty(logged.request()));
        model.addAttribute("responseJson", pretty(logged.response()));
        return "explorer/review";
    }

    private String pretty(JsonNode node) {
        return node == null ? null : json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }
}
