package org.referraldecisions.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Holds live requests and responses to the OpenAPI document the service serves at {@code /v3/api-docs},
 * with Atlassian's swagger-request-validator. Unknown properties are refused in responses too (the
 * validator's default): a field the code writes and the document does not name fails, as does a null where
 * the document does not say {@code nullable}. Responses to a path or method the document has no operation
 * for (an unknown path's 404, a wrong method's 405, a malformed request line's 400) are held to the
 * document's {@code Problem} schema.
 */
public final class ContractValidator {

    private static final Map<Integer, ContractValidator> LIVE = new java.util.concurrent.ConcurrentHashMap<>();

    private final String document;
    private final OpenAPI api;
    private final OpenApiInteractionValidator validator;
    private final SchemaValidator schemas;
    private final Map<Integer, AtomicInteger> responsesByStatus = new TreeMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    private ContractValidator(String document) {
        this.document = document;
        this.api = new OpenAPIParser().readContents(document, null, null).getOpenAPI();
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                // allOf resolved into one schema, so that a nullable reference ({nullable, allOf: [$ref]}) takes null
                // and its referenced properties are not taken for unknown ones.
                .withResolveCombinators(true)
                .build();
        this.schemas = new SchemaValidator(api, new MessageResolver());
    }

    /** The document served now by the service on {@code port}. */
    static ContractValidator live(int port) throws IOException, InterruptedException {
        HttpResponse<String> docs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/v3/api-docs")).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (docs.statusCode() != 200) {
            throw new IllegalStateException("/v3/api-docs answered " + docs.statusCode());
        }
        return new ContractValidator(docs.body());
    }

    /**
     * Asserts that a response another test received (of any status) is as the live document of the service on
     * {@code port} describes it: so the errors only a special set-up produces (429, 500, 503, 410, 422) are held
     * to the contract too.
     */
    public static void assertConforms(int port, String method, String pathAndQuery, HttpResponse<String> response) {
        if (!pathAndQuery.startsWith("/v1/") && response.statusCode() < 400) {
            return; // not an API response (Swagger UI, actuator)
        }
        ContractValidator contract = LIVE.computeIfAbsent(port, p -> {
            try {
                return live(p);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        String errors = errors(contract.check(method, pathAndQuery, null, null, false, response));
        if (!errors.isEmpty()) {
            throw new AssertionError(method + " " + pathAndQuery + " -> " + response.statusCode() + " does not match /v3/api-docs:\n"
                    + errors + "\n" + response.body());
        }
    }

    /** For a test that edits the document (to show a wrong document is caught). */
    static ContractValidator of(String document) {
        return new ContractValidator(document);
    }

    String document() {
        return document;
    }

    /**
     * Validates one exchange: the request too when {@code checkRequest} (a request the service accepted must
     * be one the document allows), the response always. Returns the validator's report (errors only).
     */
    ValidationReport check(String method, String pathAndQuery, String contentType, String requestBody, boolean checkRequest,
                           HttpResponse<String> response) {
        String path = pathAndQuery;
        String query = null;
        int q = pathAndQuery.indexOf('?');
        if (q >= 0) {
            path = pathAndQuery.substring(0, q);
            query = pathAndQuery.substring(q + 1);
        }
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path).withHeader("Authorization", "Bearer x");
        if (contentType != null) {
            request.withContentType(contentType);
        }
        if (requestBody != null) {
            request.withBody(requestBody);
        }
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                request.withQueryParam(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8) : "");
            }
        }
        SimpleResponse.Builder answer = new SimpleResponse.Builder(response.statusCode()).withBody(response.body());
        response.headers().map().forEach((name, values) -> answer.withHeader(name, values));
        return check(method, path, request.build(), checkRequest, response.statusCode(), answer.build(), response.body());
    }

    ValidationReport check(String method, String path, SimpleRequest request, boolean checkRequest, int status, SimpleResponse response,
                           String body) {
        responsesByStatus.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        if (!hasOperation(method, path)) {
            return problem(body);
        }
        if (checkRequest) {
            requests.incrementAndGet();
            return validator.validate(request, response);
        }
        return validator.validateResponse(path, Request.Method.valueOf(method), response);
    }

    /** A response body held to the document's Problem schema. */
    ValidationReport problem(String body) {
        Schema<?> problem = new Schema<>().$ref("#/components/schemas/Problem");
        return schemas.validate(body, problem, "response.body");
    }

    private boolean hasOperation(String method, String path) {
        return api.getPaths().entrySet().stream().anyMatch(e -> matches(e.getKey(), path)
                && e.getValue().readOperationsMap().keySet().stream().anyMatch(m -> m.name().equalsIgnoreCase(method)));
    }

    private static boolean matches(String template, String path) {
        String[] t = template.split("/");
        String[] p = path.split("/", -1);
        if (t.length != p.length) {
            return false;
        }
        for (int i = 0; i < t.length; i++) {
            if (!(t[i].startsWith("{") || t[i].equals(p[i]))) {
                return false;
            }
        }
        return true;
    }

    /** The report's errors, one a line, or empty. */
    static String errors(ValidationReport report) {
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage()).collect(Collectors.joining("\n"));
    }

    Map<Integer, Integer> responsesByStatus() {
        return responsesByStatus.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(), (a, b) -> a,
                TreeMap::new));
    }

    int requestsValidated() {
        return requests.get();
    }

    int responsesValidated() {
        return responsesByStatus.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    Optional<Schema<?>> schema(String name) {
        return Optional.ofNullable(api.getComponents().getSchemas().get(name));
    }

    List<String> paths() {
        return List.copyOf(api.getPaths().keySet());
    }
}
