package org.referraldecisions.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code reload}: asks the running service to reload its rules, and says in plain English what it did
 * (or, with {@code --format json}, prints the service's answer as it came).
 */
final class Reload {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Reload() {
    }

    static int run(Options o, PrintStream out, PrintStream err) throws InterruptedException {
        String url = o.get("url") == null ? "http://localhost:8080" : o.get("url");
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url + "/v1/rulesets/reload")).POST(HttpRequest.BodyPublishers.noBody());
        } catch (IllegalArgumentException e) {
            err.println("--url " + url + " is not a URL: " + e.getMessage());
            return 2;
        }
        // The key comes from the environment, never the command line (which other users can see in ps).
        String key = System.getenv("REFERRALS_API_KEY");
        if (key != null && !key.isBlank()) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            err.println("No service answers at " + url + ": start it (serve) or give its address with --url.");
            return 2;
        } catch (IOException e) {
            err.println("Could not reach the service at " + url + ": " + e.getMessage());
            return 2;
        }
        int status = response.statusCode();
        int exit = status == 200 ? 0 : status == 422 ? 1 : 2;
        if (o.json()) {
            out.println(response.body());
            return exit;
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JacksonException e) {
            body = JSON.createObjectNode();
        }
        out.println(explain(status, body, key != null && !key.isBlank()));
        return exit;
    }

    /** The service's answer to a reload in a sentence or two, then each reason it gave. */
    static String explain(int status, JsonNode body, boolean keySent) {
        StringBuilder text = new StringBuilder();
        switch (status) {
            case 200 -> {
                text.append("Reloaded: ").append(body.path("casesPassed").asInt()).append(" of ").append(body.path("casesRun").asInt())
                        .append(" golden cases passed, and these rule sets now decide:");
                body.path("rulesets").forEach(r -> text.append("\n  ").append(r.asString()));
            }
            case 422 -> {
                text.append("Reload refused: the running rules keep serving. ").append(body.path("casesPassed").asInt()).append(" of ")
                        .append(body.path("casesRun").asInt()).append(" golden cases passed. What to fix:");
                body.path("problems").forEach(p -> text.append("\n  ").append(p.asString()));
            }
            case 401 -> text.append(keySent
                    ? "The service did not accept the key in REFERRALS_API_KEY: nothing was reloaded."
                    : "The service needs an API key: set REFERRALS_API_KEY to a key with the POLICY_ADMIN role. Nothing was reloaded.");
            case 403 -> text.append("The key in REFERRALS_API_KEY does not have the POLICY_ADMIN role: nothing was reloaded.");
            default -> text.append("The service answered ").append(status)
                    .append(body.path("detail").isString() ? ": " + body.path("detail").asString() : "").append(". Nothing was reloaded.");
        }
        return text.toString();
    }
}
