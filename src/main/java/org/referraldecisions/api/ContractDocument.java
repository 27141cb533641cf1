package org.referraldecisions.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.referraldecisions.decision.facts.DashAnswer;
import org.referraldecisions.decision.facts.DashQuestion;
import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.service.DecisionService;
import org.referraldecisions.service.RequestLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Completes the generated OpenAPI document so that it tells the truth about the service:
 * <ul>
 * <li>tags for users (decisions, review, rule sets); every operation's error responses as problem+json
 *     (the {@code Problem} schema, with {@code code} and {@code errors}), where they can happen;</li>
 * <li>request schemas as strict as the reader ({@code DecisionRequestReader}): {@code additionalProperties: false},
 *     anchored patterns, the 27 DASH question ids, the configured list and text limits, and {@code nullable}
 *     on every optional field (the reader takes null as left out, except where {@link #NULL_REFUSED} says);</li>
 * <li>response schemas with every property required (Jackson writes every field, null included), so a
 *     field that is sometimes null must say so ({@code @Schema(nullable = true)}) or the contract test fails;</li>
 * <li>the batch body (JSON array and NDJSON) and its streamed response, the listing's two shapes, the export's
 *     NDJSON, and examples taken from golden cases (the decision example is decided, unrecorded, to show its response).</li>
 * </ul>
 * Response schemas do not forbid additional properties: the contract grows by adding fields, and clients must
 * ignore fields they do not know (docs/CONTRACT.md "Versioning"). The contract test holds the live responses to
 * the document with unknown fields refused, so the document cannot fall behind the code.
 */
final class ContractDocument implements OpenApiCustomizer {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String JSON = "application/json";
    static final String NDJSON = "application/x-ndjson";
    private static final String SCHEMAS = "#/components/schemas/";
    private static final String RESPONSES = "#/components/responses/";
    /** Request fields that may be left out but not sent as null (DecisionRequestReader: a null asOf has lost its date). */
    static final Set<String> NULL_REFUSED = Set.of("DecisionRequestV1.asOf");
    /**
     * Response fields Jackson leaves out when there is none ({@code @JsonInclude(NON_NULL)}): the decision log's receipt,
     * absent when the log is off and from unrecorded decisions. Present when there is one, so not required.
     */
    static final Set<String> LEFT_OUT_WHEN_ABSENT = Set.of("DecisionResponseV1.receipt");
    /** Response shapes whose fields are present only in some cases (each says which). */
    private static final Set<String> PARTLY_PRESENT = Set.of("Problem", "BatchResult", "LoggedRequest", "LoggedResponse");
    /** Golden cases (test-cases/cleveland/2026-04/...), copied verbatim; ContractTests checks they still match. */
    static final String DECISION_EXAMPLE = "openapi/cleveland-2026-04-referred-high-risk-without-consent.json";
    static final String SECOND_EXAMPLE = "openapi/cleveland-2026-04-repeat-violence-on-last-day-of-12-month-window-referred.json";

    private static final Logger log = LoggerFactory.getLogger(ContractDocument.class);
    /** What the review and rule set query parameters mean (their controllers name them, not describe them). */
    private static final Map<String, String> QUERY = Map.of(
            "caseRef", "a case's decisions, newest first (at most 1000); the other parameters are then ignored",
            "from", "first day decided (UTC), included",
            "to", "last day decided (UTC), included",
            "area", "rule set area, e.g. cleveland",
            "version", "rule set version, e.g. 2026-04",
            "refer", "only decisions that referred (true) or did not (false)",
            "page", "page number, from 0",
            "size", "decisions a page, 1-1000",
            "rulesetVersion", "replay with this loaded version of the same area instead of the archived rule set",
            "limit", "most entries returned (1-1000)");

    private final DecisionRequestReader reader;
    private final ObjectProvider<DecisionService> service;
    private final int batchMaxItems;

    ContractDocument(DecisionRequestReader reader, ObjectProvider<DecisionService> service, int batchMaxItems) {
        this.reader = reader;
        this.service = service;
        this.batchMaxItems = batchMaxItems;
    }

    @Override
    public void customise(OpenAPI api) {
        Components components = api.getComponents();
        register(components, ContractSchemas.Problem.class);
        register(components, ContractSchemas.BatchResponse.class);
        components.addSchemas("DecisionPage", decisionPage());
        components.addSchemas("DashAnswer", enumSchema(DashAnswer.values()).description("An answer to a DASH question"));
        errorResponses(components);
        dashAnswers(components);
        anyValues(components);
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> operation(path, method, operation)));
        Set<String> requests = reachable(components, bodies(api, true));
        for (String name : requests) {
            strictRequest(name, components.getSchemas().get(name));
        }
        limits(components, reader.limits());
        for (String name : requests) {
            inlineOptionalObjects(name, components);
        }
        loggedBodies(components);
        Set<String> responses = reachable(components, bodies(api, false));
        for (String name : responses) {
            if (!requests.contains(name) && !PARTLY_PRESENT.contains(name)) {
                Schema<?> schema = components.getSchemas().get(name);
                allRequired(schema);
                if (schema != null && schema.getRequired() != null) {
                    schema.getRequired().removeIf(field -> LEFT_OUT_WHEN_ABSENT.contains(name + "." + field));
                }
            }
        }
        components.getSchemas().values().forEach(schema -> walk(schema, ContractDocument::anchor));
        Set<String> used = reachable(components, allRefs(api));
        components.getSchemas().keySet().removeIf(name -> !used.contains(name));
    }

    // ---- operations

    private void operation(String path, PathItem.HttpMethod method, Operation operation) {
        boolean deciding = method == PathItem.HttpMethod.POST && (path.equals("/v1/decisions") || path.equals("/v1/decisions/batch"));
        operation.setTags(List.of(path.startsWith("/v1/rulesets") ? OpenApiConfiguration.TAG_RULESETS
                : deciding ? OpenApiConfiguration.TAG_DECISIONS : OpenApiConfiguration.TAG_REVIEW));
        if (operation.getParameters() != null) {
            operation.getParameters().stream().filter(p -> "path".equals(p.getIn()) && "id".equals(p.getName())).forEach(p -> p
                    .description("the decisionId a decision was answered with (a UUID); anything else is 400")
                    .schema(new StringSchema().format("uuid")));
        }
        if (operation.getParameters() != null) {
            operation.getParameters().stream().filter(p -> "query".equals(p.getIn())).forEach(p -> {
                String description = QUERY.get(p.getName());
                if (description != null && p.getDescription() == null) {
                    p.setDescription(description);
                }
                if (p.getName().equals("size") && path.equals("/v1/decisions")) {
                    p.getSchema().minimum(java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(1000));
                } else if (p.getName().equals("page")) {
                    p.getSchema().minimum(java.math.BigDecimal.ZERO);
                }
            });
        }
        ApiResponses responses = operation.getResponses();
        // Spring answers application/json for these; springdoc says */* when a mapping does not name it.
        responses.values().forEach(r -> {
            if (r.getContent() != null && r.getContent().containsKey("*/*")) {
                r.getContent().put(JSON, r.getContent().remove("*/*"));
            }
        });
        switch (method + " " + path) {
            case "POST /v1/decisions" -> {
                operation.getRequestBody().getContent().get(JSON).examples(decisionExamples());
                MediaType ok = responses.get("200").getContent().get(JSON);
                Object example = decidedExample();
                if (example != null) {
                    ok.addExamples("referred-high-risk-without-consent", new Example().summary("the decision for the request example")
                            .value(example));
                }
            }
            case "POST /v1/decisions/batch" -> batch(operation);
            case "GET /v1/decisions" -> responses.get("200").content(new Content().addMediaType(JSON, new MediaType().schema(new Schema<>()
                    .oneOf(List.of(new ArraySchema().items(ref("LoggedDecision"))
                                    .description("with caseRef: the case's decisions, newest first (at most 1000)"),
                            ref("DecisionPage"))))));
            case "GET /v1/decisions/export" -> responses.get("200").content(new Content().addMediaType(NDJSON, new MediaType()
                    .schema(new StringSchema().description("one DecisionRequestV1 JSON object a line: each selected decision's request "
                            + "as decided (asOf filled in); purged decisions are left out"))));
            default -> {
            }
        }
        responses.keySet().removeIf(status -> status.startsWith("4") || status.startsWith("5"));
        error(responses, "400", "BadRequest");
        error(responses, "401", "Unauthorized");
        error(responses, "403", "Forbidden");
        if (path.contains("{") || path.equals("/v1/decisions") && method == PathItem.HttpMethod.POST) {
            error(responses, "404", "NotFound");
        }
        error(responses, "406", "NotAcceptable");
        if (operation.getRequestBody() != null) {
            error(responses, "413", "ContentTooLarge");
            error(responses, "415", "UnsupportedMediaType");
        }
        if (path.equals("/v1/decisions/{id}/replay")) {
            error(responses, "410", "Gone");
        }
        if (path.equals("/v1/rulesets/reload")) {
            error(responses, "409", "Conflict");
            error(responses, "422", "ReloadRefused");
        }
        error(responses, "429", "TooManyRequests");
        error(responses, "500", "InternalError");
        if (path.equals("/v1/decisions/batch")) {
            error(responses, "503", "Unavailable");
        }
    }

    private void batch(Operation operation) {
        List<JsonNode> examples = List.of(example(DECISION_EXAMPLE), example(SECOND_EXAMPLE));
        ArrayNode array = Json.mapper().createArrayNode().addAll(examples);
        StringBuilder lines = new StringBuilder();
        examples.forEach(e -> lines.append(e.toString()).append('\n'));
        operation.requestBody(new RequestBody().required(true).description("The cases: a JSON array of decision requests, or NDJSON "
                        + "(one request a line). Each item is read and validated on its own; a refused item does not stop the others.")
                .content(new Content()
                        .addMediaType(JSON, new MediaType().schema(new ArraySchema().items(ref("DecisionRequestV1")).minItems(0)
                                        .maxItems(batchMaxItems).description("at most referrals.batch.max-items requests"))
                                .addExamples("two-golden-cases", new Example().summary("two Cleveland golden cases").value(array)))
                        .addMediaType(NDJSON, new MediaType().schema(new StringSchema()
                                        .description("one DecisionRequestV1 JSON object a line (blank lines are skipped)"))
                                .addExamples("two-golden-cases", new Example().summary("two Cleveland golden cases, one a line")
                                        .value(lines.toString())))));
        operation.getResponses().addApiResponse("200", new ApiResponse().description("One result per item, in request order, written "
                + "a chunk at a time as the chunk's decisions are logged")
                .content(new Content().addMediaType(JSON, new MediaType().schema(ref("BatchResponse")))));
    }

    private Map<String, Example> decisionExamples() {
        Map<String, Example> examples = new LinkedHashMap<>();
        examples.put("referred-high-risk-without-consent", new Example().summary("Cleveland: 14+ DASH ticks and professional "
                + "judgement, no consent (golden case)").value(example(DECISION_EXAMPLE)));
        examples.put("repeat-violence", new Example().summary("Cleveland: a repeat incident on the last day of the 12-month window "
                + "(golden case)").value(example(SECOND_EXAMPLE)));
        return examples;
    }

    /** The decision example decided now, unrecorded, with the rules loaded: the response example cannot go stale. */
    private Object decidedExample() {
        DecisionService decisions = service.getIfAvailable();
        if (decisions == null) {
            return null;
        }
        try {
            DecisionResponseV1 decided = decisions.rehearse(reader.read(read(DECISION_EXAMPLE)));
            return Json.mapper().readTree(JsonMapper.builder().build().writeValueAsString(decided));
        } catch (RuntimeException | IOException e) {
            log.warn("the decision example could not be decided for the API document: {}", e.getMessage());
            return null;
        }
    }

    static byte[] read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode example(String resource) {
        try {
            return Json.mapper().readTree(new String(read(resource), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- errors

    private static void error(ApiResponses responses, String status, String name) {
        responses.addApiResponse(status, new ApiResponse().$ref(RESPONSES + name));
    }

    private static void errorResponses(Components components) {
        problem(components, "BadRequest", 400, "invalid_request", "Invalid request",
                "invalid_request: a field, parameter or body is invalid (errors names every offending field, errorsNotShown "
                        + "counts those not listed); bad_request: the request line or a header is malformed. Nothing was decided.",
                "1 field(s) are invalid; nothing was decided");
        problem(components, "Unauthorized", 401, "unauthenticated", "Unauthorized",
                "unauthenticated: no key or token, or one that is not valid (WWW-Authenticate: Bearer)", "a valid API key or token is required");
        problem(components, "Forbidden", 403, "forbidden", "Forbidden",
                "forbidden: the key or token is valid but does not carry the role this operation needs", "your key does not carry the role this needs");
        problem(components, "NotFound", 404, "unknown_ruleset", "Unknown rule set",
                "unknown_ruleset: no rule set for the area, date or version; unknown_decision: no decision with this id; not_found: no endpoint",
                "no rule set of area 'nowhere'");
        problem(components, "NotAcceptable", 406, "not_acceptable", "Not Acceptable",
                "not_acceptable: the Accept header allows neither application/json nor application/problem+json", "acceptable: application/json");
        problem(components, "ContentTooLarge", 413, "request_too_large", "Request too large",
                "request_too_large: the body is over its limit (limit names it, maximum gives its size); nothing was read or decided",
                "the body is over referrals.limits.request-size (131072 bytes)");
        problem(components, "UnsupportedMediaType", 415, "unsupported_media_type", "Unsupported Media Type",
                "unsupported_media_type: the Content-Type is not one this operation reads", "Content-Type 'text/plain' is not supported");
        problem(components, "Gone", 410, "decision_purged", "Decision past its retention period",
                "decision_purged: the logged request and response were removed under the retention period", "the decision was purged");
        problem(components, "Conflict", 409, "reload_in_progress", "A reload is already running",
                "reload_in_progress: another reload is running; try again when it has finished", "a reload is already running");
        problem(components, "ReloadRefused", 422, "reload_refused", "Reload refused",
                "reload_refused: the rules on disk did not compile or failed golden cases (problems lists each); the running rules "
                        + "keep serving", "the rules on disk were not swapped in; the running rules keep serving");
        problem(components, "TooManyRequests", 429, "throttled", "Too Many Requests",
                "throttled: this client address failed authentication too often; Retry-After says when to try again", "too many failed authentications");
        problem(components, "InternalError", 500, "internal_error", "Internal Server Error",
                "internal_error: a defect of the service; evaluation_error or rule_limit_exceeded: a defect of the rule set. Nothing was recorded.",
                "the service failed; nothing was recorded");
        problem(components, "Unavailable", 503, "busy", "Too many batches at once",
                "busy: too many batches are being decided; nothing of this one was read. Retry-After says when to send it again.",
                "2 batches are being decided; send it again later");
        Header retryAfter = new Header().description("seconds to wait before trying again").schema(new IntegerSchema().minimum(java.math.BigDecimal.ZERO));
        components.getResponses().get("TooManyRequests").addHeaderObject("Retry-After", retryAfter);
        components.getResponses().get("Unavailable").addHeaderObject("Retry-After", retryAfter);
    }

    private static void problem(Components components, String name, int status, String code, String title, String description, String detail) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "urn:referral-decisions:problem:" + code);
        example.put("title", title);
        example.put("status", status);
        example.put("detail", detail);
        example.put("code", code);
        if (status == 400) {
            example.put("errors", List.of(Map.of("field", "victim.age", "message", "must be less than or equal to 120")));
        }
        components.addResponses(name, new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(ref("Problem")).example(example))));
    }

    // ---- schemas

    private static void register(Components components, Class<?> type) {
        ModelConverters.getInstance().readAll(new AnnotatedType(type)).forEach(components::addSchemas);
    }

    private static Schema<?> ref(String name) {
        return new Schema<>().$ref(SCHEMAS + name);
    }

    private static Schema<?> decisionPage() {
        return new ObjectSchema().description("One page of a listing, oldest first")
                .addProperty("decisions", new ArraySchema().items(ref("LoggedDecision")))
                .addProperty("page", new IntegerSchema().minimum(java.math.BigDecimal.ZERO))
                .addProperty("size", new IntegerSchema().minimum(java.math.BigDecimal.ONE))
                .addProperty("more", new BooleanSchema().description("whether another page follows"));
    }

    private static Schema<String> enumSchema(Enum<?>[] values) {
        StringSchema schema = new StringSchema();
        for (Enum<?> v : values) {
            schema.addEnumItem(v.name());
        }
        return schema;
    }

    /** dash.answers: the 27 DASH question ids, each answered YES, NO or DONT_KNOW; no other key. */
    private static void dashAnswers(Components components) {
        Schema<?> dash = components.getSchemas().get("Dash");
        if (dash == null) {
            return;
        }
        ObjectSchema answers = new ObjectSchema();
        answers.description("DASH question id -> answer; missing ids count as not answered. The tick count is the number of YES answers.");
        for (DashQuestion q : DashQuestion.values()) {
            answers.addProperty(q.id(), ref("DashAnswer"));
        }
        answers.additionalProperties(false);
        dash.getProperties().put("answers", answers);
    }

    /** Values that are any JSON (a replay difference) or a logged body: the shapes springdoc cannot see through JsonNode. */
    private static void anyValues(Components components) {
        Schema<?> difference = components.getSchemas().get("ReplayDifference");
        if (difference != null) {
            difference.getProperties().replaceAll((name, schema) -> name.equals("field") ? schema
                    : new Schema<>().description(schema.getDescription() + "; any JSON value, null included"));
        }
    }

    /**
     * A logged decision's request and response: the wire types as they were when decided (a record logged
     * before a field was added lacks it, so not every field is required), null once purged. Named copies that
     * are themselves nullable: in OpenAPI 3.0 a reference cannot be, and the {@code allOf} wrapper that can is
     * read as not admitting null by validators that follow JSON Schema.
     */
    private static void loggedBodies(Components components) {
        Schema<?> logged = components.getSchemas().get("LoggedDecision");
        if (logged == null) {
            return;
        }
        components.addSchemas("LoggedRequest", copy(components.getSchemas().get("DecisionRequestV1")).nullable(true)
                .description("The request as decided (DecisionRequestV1 with asOf filled in and every field written, null where left "
                        + "out); null once purged under the retention period"));
        components.addSchemas("LoggedResponse", copy(components.getSchemas().get("DecisionResponseV1")).nullable(true)
                .description("The response as sent (DecisionResponseV1); null once purged under the retention period"));
        logged.getProperties().put("request", ref("LoggedRequest"));
        logged.getProperties().put("response", ref("LoggedResponse"));
    }

    /** A request schema as strict as the reader: no unknown fields; null for an optional field means left out. */
    private static void strictRequest(String name, Schema<?> schema) {
        if (schema == null || schema.getProperties() == null) {
            return;
        }
        schema.additionalProperties(false);
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        schema.getProperties().replaceAll((field, property) -> {
            if (required.contains(field) || NULL_REFUSED.contains(name + "." + field)) {
                return property;
            }
            return property.get$ref() != null ? property : property.nullable(true);
        });
    }

    /**
     * An optional object of a request ({@code dash}, {@code consent}, ...) written out in place with
     * {@code nullable: true}: in OpenAPI 3.0 a reference cannot be nullable, and the {@code allOf} wrapper
     * that can is not read as nullable by every validator once nested.
     */
    private static void inlineOptionalObjects(String name, Components components) {
        Schema<?> schema = components.getSchemas().get(name);
        if (schema == null || schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        schema.getProperties().replaceAll((field, property) -> {
            if (property.get$ref() == null || required.contains(field) || NULL_REFUSED.contains(name + "." + field)) {
                return property;
            }
            Schema<?> target = components.getSchemas().get(property.get$ref().substring(SCHEMAS.length()));
            Schema<?> copy = copy(target);
            copy.setTitle(property.get$ref().substring(SCHEMAS.length()));
            return copy.nullable(true).description(property.getDescription() != null ? property.getDescription() : target.getDescription());
        });
    }

    private static Schema<?> copy(Schema<?> schema) {
        try {
            return Json.mapper().readValue(Json.mapper().writeValueAsString(schema), Schema.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void limits(Components components, RequestLimits limits) {
        Map<String, Schema> schemas = components.getSchemas();
        property(schemas, "DecisionRequestV1", "policeIncidents", p -> p.maxItems(limits.policeIncidents()));
        property(schemas, "ProfessionalJudgement", "grounds", p -> p.maxItems(limits.grounds()));
        property(schemas, "ProfessionalJudgement", "rationale", p -> p.maxLength(limits.rationaleChars()));
        property(schemas, "CurrentIncident", "types", p -> p.maxItems(limits.incidentTypes()));
    }

    @SuppressWarnings("rawtypes")
    private static void property(Map<String, Schema> schemas, String schema, String property, Consumer<Schema> change) {
        Schema<?> s = schemas.get(schema);
        if (s != null && s.getProperties() != null && s.getProperties().get(property) != null) {
            change.accept(s.getProperties().get(property));
        }
    }

    /** Jackson writes every field of a response, null included: each is present. */
    private static void allRequired(Schema<?> schema) {
        if (schema != null && schema.getProperties() != null) {
            schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
        }
    }

    private static void anchor(Schema<?> schema) {
        String pattern = schema.getPattern();
        if (pattern != null) {
            schema.setPattern((pattern.startsWith("^") ? "" : "^") + pattern + (pattern.endsWith("$") ? "" : "$"));
        }
    }

    // ---- walking the document

    /** The schemas of request bodies ({@code requests}) or of successful responses. */
    private static List<Schema<?>> bodies(OpenAPI api, boolean requests) {
        List<Schema<?>> found = new ArrayList<>();
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (requests) {
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().values().forEach(m -> found.add(m.getSchema()));
                }
            } else {
                operation.getResponses().forEach((status, response) -> {
                    if (status.startsWith("2") && response.getContent() != null) {
                        response.getContent().values().forEach(m -> found.add(m.getSchema()));
                    }
                });
            }
        }));
        return found;
    }

    private static List<Schema<?>> allRefs(OpenAPI api) {
        List<Schema<?>> found = new ArrayList<>(bodies(api, true));
        found.addAll(bodies(api, false));
        api.getComponents().getResponses().values().forEach(r -> r.getContent().values().forEach(m -> found.add(m.getSchema())));
        return found;
    }

    /** Names of the component schemas reachable from {@code roots}. */
    @SuppressWarnings("rawtypes")
    private static Set<String> reachable(Components components, List<Schema<?>> roots) {
        Set<String> names = new HashSet<>();
        Deque<Schema<?>> todo = new ArrayDeque<>(roots.stream().filter(s -> s != null).toList());
        while (!todo.isEmpty()) {
            walk(todo.pop(), s -> {
                if (s.get$ref() != null) {
                    String name = s.get$ref().substring(SCHEMAS.length());
                    Schema target = components.getSchemas().get(name);
                    if (names.add(name) && target != null) {
                        todo.push(target);
                    }
                }
            });
        }
        return names;
    }

    /** Visits a schema and every schema nested in it (not following references). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void walk(Schema<?> schema, Consumer<Schema<?>> visit) {
        if (schema == null) {
            return;
        }
        visit.accept(schema);
        if (schema.getProperties() != null) {
            for (Schema p : schema.getProperties().values()) {
                walk(p, visit);
            }
        }
        walk(schema.getItems(), visit);
        if (schema.getAdditionalProperties() instanceof Schema additional) {
            walk(additional, visit);
        }
        for (List<Schema> list : new List[] {schema.getAllOf(), schema.getOneOf(), schema.getAnyOf()}) {
            if (list != null) {
                list.forEach(s -> walk(s, visit));
            }
        }
    }
}
