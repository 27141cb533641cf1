package org.referraldecisions.explorer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.referraldecisions.access.Roles;
import org.referraldecisions.decision.RuleConflictException;
import org.referraldecisions.decision.RuleLimitExceededException;
import org.referraldecisions.golden.GoldenCase;
import org.referraldecisions.golden.GoldenRunner;
import org.referraldecisions.ruleset.UnknownRulesetException;
import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionRequestV1;
import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.service.DecisionService;
import org.referraldecisions.service.FieldError;
import org.referraldecisions.service.InvalidRequestException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Try a case: the request's fields as a form, prefilled from a golden case if asked, decided through the one
 * {@link DecisionService}. "Decide" (CALLER) records the decision in the log as the API does; "try without recording"
 * (REVIEWER, POLICY_ADMIN) rehearses it, and nothing is logged. Everything is posted: no case data in a URL.
 */
@Controller
class TryPage {

    private static final int BLANK_INCIDENT_ROWS = 3;

    private final DecisionService service;
    private final DecisionRequestReader reader;
    private final GoldenCorpus golden;
    private final JsonMapper json;

    TryPage(DecisionService service, DecisionRequestReader reader, GoldenCorpus golden, JsonMapper json) {
        this.service = service;
        this.reader = reader;
        this.golden = golden;
        this.json = json;
    }

    @GetMapping("/explorer/try")
    String form(Model model) {
        MultiValueMap<String, String> values = new LinkedMultiValueMap<>();
        values.add("area", "cleveland");
        return page(model, values, Map.of(), List.of());
    }

    @PostMapping("/explorer/try")
    String post(@RequestParam MultiValueMap<String, String> form, @RequestParam(defaultValue = "decide") String action,
                Authentication who, Model model) {
        if (action.equals("prefill")) {
            String name = form.getFirst("goldenCase");
            GoldenCase chosen = name == null ? null : golden.named(name).orElse(null);
            if (chosen == null) {
                return page(model, form, Map.of("goldenCase", List.of("choose a golden case from the list")), List.of());
            }
            model.addAttribute("prefilledFrom", chosen.name());
            model.addAttribute("prefilledDescription", chosen.description());
            return page(model, CaseFields.toForm(GoldenRunner.requestOf(chosen)), Map.of(), List.of());
        }
        boolean rehearse = action.equals("rehearse");
        if (rehearse ? !ExplorerModel.has(who, Roles.REVIEWER) && !ExplorerModel.has(who, Roles.POLICY_ADMIN) : !ExplorerModel.has(who, Roles.CALLER)) {
            throw new AccessDeniedException(rehearse ? "trying without recording needs REVIEWER or POLICY_ADMIN" : "deciding needs CALLER");
        }
        JsonNode request = CaseFields.toRequest(form);
        MultiValueMap<String, String> values = CaseFields.toForm(request);
        List<FieldError> errors = new ArrayList<>();
        try {
            DecisionRequestV1 valid = reader.read(request);
            DecisionResponseV1 decision = rehearse ? service.rehearse(valid) : service.decide(valid);
            model.addAttribute("decision", json.convertValue(decision, Map.class));
            model.addAttribute("recorded", !rehearse);
        } catch (InvalidRequestException e) {
            errors.addAll(e.errors());
        } catch (UnknownRulesetException e) {
            errors.add(new FieldError(request.has("rulesetVersion") ? "rulesetVersion" : "area", e.getMessage()));
        } catch (RuleLimitExceededException | RuleConflictException e) {
            errors.add(new FieldError("", "the rules could not decide this case: " + e.getMessage()));
        }
        return page(model, values, CaseFields.byInput(errors), errors);
    }

    private String page(Model model, MultiValueMap<String, String> values, Map<String, List<String>> errorsByInput,
                        List<FieldError> errors) {
        int rows = (int) values.keySet().stream().filter(k -> k.startsWith(CaseFields.INCIDENTS + "[")).count() + BLANK_INCIDENT_ROWS;
        model.addAttribute("values", values);
        model.addAttribute("errors", errorsByInput);
        model.addAttribute("errorList", errors);
        model.addAttribute("sections", CaseForm.SECTIONS);
        model.addAttribute("dashRecent", CaseForm.DASH_RECENT);
        model.addAttribute("dashQuestions", CaseForm.DASH_QUESTIONS);
        model.addAttribute("incidentRows", rows);
        model.addAttribute("goldenCases", golden.cases().stream().map(GoldenCase::name).toList());
        model.addAttribute("areas", service.catalog().areas());
        return "explorer/try";
    }
}
