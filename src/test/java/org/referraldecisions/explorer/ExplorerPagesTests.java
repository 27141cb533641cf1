package org.referraldecisions.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referraldecisions.Fixtures;
import org.referraldecisions.access.Roles;
import org.referraldecisions.audit.ReviewService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The explorer's pages as plain HTML: who may open what, CSRF on every form, validation errors beside their fields,
 * recording and not recording, no case data in any URL, and the headers that keep the pages to their own assets.
 * The same Spring context as the API's access tests (same configuration), so no second start-up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "referrals.warmup.decisions=0")
class ExplorerPagesTests {

    static final RequestPostProcessor CALLER = user("api-key:caller").roles(Roles.CALLER);
    static final RequestPostProcessor REVIEWER = user("api-key:reviewer").roles(Roles.REVIEWER);
    static final RequestPostProcessor POLICY_ADMIN = user("api-key:admin").roles(Roles.POLICY_ADMIN);
    static final RequestPostProcessor EVERY_ROLE = user("api-key:all").roles(Roles.CALLER, Roles.REVIEWER, Roles.POLICY_ADMIN);

    /** A Cleveland case that meets the potential-escalation threshold (3 police incidents within 12 months). */
    static MockHttpServletRequestBuilder clevelandCase(String caseRef, String action) {
        return post("/explorer/try").param("action", action).param("caseRef", caseRef).param("area", "cleveland")
                .param("asOf", "2026-06-15").param("victim.age", "34").param("victim.relationship", "EX_PARTNER")
                .param("victim.childrenInHousehold", "1").param("perpetrator.age", "36")
                .param("dash.answers.very_frightened", "YES").param("dash.answers.threats_to_kill", "YES")
                .param("dash.answers.strangulation", "DONT_KNOW")
                .param("policeIncidents[0].date", "2025-06-15").param("policeIncidents[1].date", "")
                .param("policeIncidents[2].date", "2026-01-10").param("policeIncidents[3].date", "2026-05-02")
                .param("consent.victimAware", "true").param("consent.consentGiven", "false").param("consent.significantConcern", "false");
    }

    @Autowired
    WebApplicationContext context;

    @Autowired
    ReviewService reviews;

    @LocalServerPort
    int port;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity()).build();
    }

    @Test
    void aPersonNotSignedInIsSentToTheSignInPage() throws Exception {
        for (String page : List.of("/explorer", "/explorer/try", "/explorer/rulesets", "/explorer/compare", "/explorer/review", "/explorer/reloads")) {
            MvcResult result = mvc.perform(get(page)).andReturn();
            assertThat(result.getResponse().getStatus()).as(page).isEqualTo(302);
            assertThat(result.getResponse().getRedirectedUrl()).as(page).endsWith("/explorer/sign-in");
        }
        String signIn = mvc.perform(get("/explorer/sign-in")).andReturn().getResponse().getContentAsString();
        assertThat(signIn).contains("<label for=\"key\">API key</label>", "name=\"_csrf\"");
    }

    @Test
    void signingInWithAKeyGivesItsRolesAndSigningOutEndsTheSession() throws Exception {
        MvcResult wrong = mvc.perform(post("/explorer/sign-in").param("key", "not-a-key").with(csrf())).andReturn();
        assertThat(wrong.getResponse().getRedirectedUrl()).endsWith("/explorer/sign-in?error");

        MvcResult signedIn = mvc.perform(post("/explorer/sign-in").param("key", Fixtures.KEY_CALLER).with(csrf())).andReturn();
        assertThat(signedIn.getResponse().getRedirectedUrl()).endsWith("/explorer");
        MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession(false);
        assertThat(mvc.perform(get("/explorer/try").session(session)).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get("/explorer/review").session(session)).andReturn().getResponse().getStatus()).isEqualTo(403);
        String home = mvc.perform(get("/explorer").session(session)).andReturn().getResponse().getContentAsString();
        // The session holds the key's name (a prefix of its hash), never the key.
        assertThat(home).contains("Signed in as", "api-key:").doesNotContain(Fixtures.KEY_CALLER);

        MvcResult out = mvc.perform(post("/explorer/sign-out").session(session).with(csrf())).andReturn();
        assertThat(out.getResponse().getRedirectedUrl()).endsWith("/explorer/sign-in?signed-out");
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrictAndChangesAtSignIn() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/explorer/sign-in")).GET().build(), HttpResponse.BodyHandlers.ofString());
        String before = cookie(page);
        String token = field(page.body(), "_csrf");
        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(uri("/explorer/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", before.split(";")[0])
                .POST(HttpRequest.BodyPublishers.ofString("key=" + Fixtures.KEY_REVIEWER + "&_csrf=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(302);
        String after = cookie(signIn);
        assertThat(after).contains("HttpOnly", "SameSite=Strict");
        // Session fixation: the id a visitor had before signing in is not the one that is signed in.
        assertThat(after.split(";")[0]).startsWith("JSESSIONID=").isNotEqualTo(before.split(";")[0]);
        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("jsessionid"));
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndNothingIsDecided() throws Exception {
        MvcResult refused = mvc.perform(clevelandCase("EXP-CSRF-1", "decide").with(CALLER)).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat(refused.getResponse().getForwardedUrl()).isEqualTo("/explorer/denied");
        assertThat(reviews.history("test", "EXP-CSRF-1")).isEmpty();
        assertThat(mvc.perform(post("/explorer/sign-in").param("key", Fixtures.KEY_CALLER)).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/explorer/review/verify").with(REVIEWER)).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/explorer/compare").param("from", "cleveland@2017-10").param("to", "cleveland@2026-04").with(REVIEWER))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void theRefusalPageSaysWhyInPlainWords() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(uri("/explorer/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("key=" + Fixtures.KEY_CALLER)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("id=\"csrf-refused\"", "Nothing was done.");
        String role = mvc.perform(get("/explorer/denied").with(CALLER)).andReturn().getResponse().getContentAsString();
        assertThat(role).contains("id=\"role-refused\"", "reviews need REVIEWER");
    }

    @Test
    void aCallerGets403OnEveryReviewPageAndAReviewerGetsThrough() throws Exception {
        List<MockHttpServletRequestBuilder> reviewPages = List.of(get("/explorer/rulesets"), get("/explorer/rulesets/cleveland/2026-04"),
                get("/explorer/rulesets/cleveland/2026-04/source"), get("/explorer/compare"), get("/explorer/review"));
        for (MockHttpServletRequestBuilder page : reviewPages) {
            MvcResult result = mvc.perform(page.with(CALLER)).andReturn();
            assertThat(result.getResponse().getStatus()).as(result.getRequest().getRequestURI()).isEqualTo(403);
            assertThat(result.getResponse().getForwardedUrl()).isEqualTo("/explorer/denied");
            assertThat(mvc.perform(page.with(REVIEWER)).andReturn().getResponse().getStatus()).as(result.getRequest().getRequestURI()).isEqualTo(200);
        }
        for (MockHttpServletRequestBuilder form : List.of(post("/explorer/review").param("decisionId", "x"),
                post("/explorer/review/replay").param("decisionId", "x"), post("/explorer/review/verify"),
                post("/explorer/compare").param("from", "cleveland@2017-10").param("to", "cleveland@2026-04"))) {
            MvcResult result = mvc.perform(form.with(CALLER).with(csrf())).andReturn();
            assertThat(result.getResponse().getStatus()).as(result.getRequest().getRequestURI()).isEqualTo(403);
        }
        assertThat(mvc.perform(get("/explorer/reloads").with(REVIEWER)).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/explorer/reloads").with(POLICY_ADMIN)).andReturn().getResponse().getStatus()).isEqualTo(200);
        // The navigation offers only what the role may open.
        String home = mvc.perform(get("/explorer").with(CALLER)).andReturn().getResponse().getContentAsString();
        assertThat(home).contains("href=\"/explorer/try\"").doesNotContain("href=\"/explorer/review\"", "href=\"/explorer/rulesets\"");
    }

    @Test
    void onlyACallerRecordsAndOnlyReviewersAndPolicyAdminsTryWithoutRecording() throws Exception {
        assertThat(mvc.perform(clevelandCase("EXP-ROLE-1", "rehearse").with(CALLER).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(clevelandCase("EXP-ROLE-2", "decide").with(REVIEWER).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(reviews.history("test", "EXP-ROLE-1")).isEmpty();
        assertThat(reviews.history("test", "EXP-ROLE-2")).isEmpty();
    }

    @Test
    void aDecidedCaseShowsTheDecisionWithItsTraceAndIsRecorded() throws Exception {
        String page = mvc.perform(clevelandCase("EXP-DECIDE-1", "decide").with(CALLER).with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"recorded\"", "Refer to MARAC", "POTENTIAL ESCALATION", "cleveland@2026-04",
                "Cites <span>Cleveland Appendix 2</span>", "2 of 27 DASH answers YES; 14 needed", "FORWARD REFERRAL TO MARAC COORDINATOR WITHIN 24 HOURS");
        // The blank incident row between two dates is dropped and the rest renumbered, as the request was decided.
        assertThat(page).contains("name=\"policeIncidents[2].date\" value=\"2026-05-02\"");
        List<ReviewService.Logged> logged = reviews.history("test", "EXP-DECIDE-1");
        assertThat(logged).hasSize(1);
        assertThat(page).contains(logged.get(0).decisionId());
    }

    @Test
    void aCaseTriedWithoutRecordingIsDecidedAndNotLogged() throws Exception {
        String page = mvc.perform(clevelandCase("EXP-REHEARSE-1", "rehearse").with(REVIEWER).with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"not-recorded\"", "Refer to MARAC");
        assertThat(reviews.history("test", "EXP-REHEARSE-1")).isEmpty();
    }

    @Test
    void validationErrorsAreShownBesideTheirFieldsNamedAsTheApiNamesThem() throws Exception {
        String page = mvc.perform(post("/explorer/try").param("action", "decide").param("caseRef", "EXP-INVALID-1").param("area", "cleveland")
                .param("asOf", "2026-06-15").param("victim.age", "130").param("victim.relationship", "EX_PARTNER")
                .param("perpetrator.age", "36").param("dash.answers.threats_to_kill", "MAYBE")
                .param("policeIncidents[0].date", "2026-13-01").with(CALLER).with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"error-summary\"").doesNotContain("id=\"decision-heading\"");
        assertThat(errorBeside(page, "f-victim-age")).contains("120");
        assertThat(errorBeside(page, "f-policeIncidents-0-date")).isNotBlank();
        assertThat(page).contains("href=\"#f-victim-age\"", "victim.age: ", "policeIncidents[0].date: ", "dash.answers.threats_to_kill: ");
        // The value typed stays in the input, so it can be corrected.
        assertThat(page).contains("name=\"victim.age\" value=\"130\"");
        assertThat(reviews.history("test", "EXP-INVALID-1")).isEmpty();
    }

    @Test
    void anAreaWithNoRulesIsReportedBesideTheAreaField() throws Exception {
        String page = mvc.perform(post("/explorer/try").param("action", "rehearse").param("caseRef", "EXP-AREA-1").param("area", "nowhere")
                .param("asOf", "2026-06-15").param("victim.age", "34").param("victim.relationship", "EX_PARTNER").param("perpetrator.age", "36")
                .with(REVIEWER).with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(errorBeside(page, "f-area")).contains("no rule set for area ", "nowhere");
    }

    @Test
    void aGoldenCasePrefillsTheFormWithoutDecidingIt() throws Exception {
        String name = "cleveland/version-by-date-2026-04-01-repeat-under-2026-04.json";
        String page = mvc.perform(post("/explorer/try").param("action", "prefill").param("goldenCase", name).with(CALLER).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"prefilled\"", name, "name=\"area\" value=\"cleveland\"", "name=\"previousMaracReferral.date\"")
                .doesNotContain("id=\"decision-heading\"");
    }

    @Test
    void reviewersFindReplayAndVerifyALoggedDecision() throws Exception {
        mvc.perform(clevelandCase("EXP-REVIEW-1", "decide").with(CALLER).with(csrf()));
        String id = reviews.history("test", "EXP-REVIEW-1").get(0).decisionId();
        String byRef = mvc.perform(post("/explorer/review").param("caseRef", "EXP-REVIEW-1").with(REVIEWER).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        assertThat(byRef).contains(id, "The stored request, exactly as received", "Potential escalation", "Replay with the rule set that decided it");
        String replayed = mvc.perform(post("/explorer/review/replay").param("decisionId", id).with(REVIEWER).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        assertThat(replayed).contains("id=\"replay-result\"", "Replayed: identical.");
        String verified = mvc.perform(post("/explorer/review/verify").with(REVIEWER).with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(verified).contains("The decision log is intact.");
        String unknown = mvc.perform(post("/explorer/review").param("decisionId", "no-such-id").with(REVIEWER).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        assertThat(unknown).contains("No decision with that id is in the log.");
    }

    @Test
    void aCaseDecidedTwiceIsListedNewestFirstToChooseFrom() throws Exception {
        mvc.perform(clevelandCase("EXP-HISTORY-1", "decide").with(CALLER).with(csrf()));
        mvc.perform(clevelandCase("EXP-HISTORY-1", "decide").with(CALLER).with(csrf()));
        List<ReviewService.Logged> logged = reviews.history("test", "EXP-HISTORY-1");
        assertThat(logged).hasSize(2);
        String page = mvc.perform(post("/explorer/review").param("caseRef", "EXP-HISTORY-1").with(REVIEWER).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Decisions for case <span>EXP-HISTORY-1</span>, newest first").doesNotContain("id=\"logged-heading\"");
        assertThat(page.indexOf("Open " + logged.get(0).decisionId())).isPositive().isLessThan(page.indexOf("Open " + logged.get(1).decisionId()));
    }

    @Test
    void comparingTwoClevelandVersionsListsTheCasesThatChange() throws Exception {
        String page = mvc.perform(post("/explorer/compare").param("from", "cleveland@2017-10").param("to", "cleveland@2026-04")
                .with(REVIEWER).with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"impact-summary\"", "Cases per kind of change", "marac.repeat");
        assertThat(page).contains("golden cases of the area").doesNotContainPattern("and <span>\\d+</span> logged decisions");

        mvc.perform(clevelandCase("EXP-CORPUS-1", "decide").with(CALLER).with(csrf()));
        String withLog = mvc.perform(post("/explorer/compare").param("from", "cleveland@2017-10").param("to", "cleveland@2026-04")
                .param("includeLog", "true").param("logFrom", "2000-01-01").with(REVIEWER).with(csrf())).andReturn().getResponse().getContentAsString();
        Matcher logged = Pattern.compile("and <span>(\\d+)</span> logged decisions").matcher(withLog);
        assertThat(logged.find()).as("the log is part of the corpus").isTrue();
        assertThat(Integer.parseInt(logged.group(1))).isPositive();
        String noDate = mvc.perform(post("/explorer/compare").param("from", "cleveland@2017-10").param("to", "cleveland@2026-04")
                .param("includeLog", "true").with(REVIEWER).with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(noDate).contains("give the first day decided").doesNotContain("id=\"impact-summary\"");

        String same = mvc.perform(post("/explorer/compare").param("from", "cleveland@2017-10").param("to", "lancashire@2019-12")
                .with(REVIEWER).with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(same).contains("Choose two versions of the same area.");
    }

    @Test
    void aRuleSetListsEachRuleWithItsCitationAndTheGoldenCasesThatFireIt() throws Exception {
        String page = mvc.perform(get("/explorer/rulesets/cleveland/2026-04").with(REVIEWER)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Potential escalation: enough police-reported incidents in the window before the decision date",
                "Cleveland Appendix 2", "Fired by ", "cleveland/2026-04/");
        String source = mvc.perform(get("/explorer/rulesets/cleveland/2026-04/source").with(REVIEWER)).andReturn().getResponse().getContentAsString();
        assertThat(source).contains("parameters.drl", "@citation");
        assertThat(mvc.perform(get("/explorer/rulesets/cleveland/1999-01").with(REVIEWER)).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void noCaseDataIsPutInAnyUrl() throws Exception {
        List<String> pages = new ArrayList<>();
        pages.add(mvc.perform(clevelandCase("EXP-URL-SECRET-1", "decide").with(EVERY_ROLE).with(csrf())).andReturn().getResponse().getContentAsString());
        pages.add(mvc.perform(post("/explorer/review").param("caseRef", "EXP-URL-SECRET-1").with(EVERY_ROLE).with(csrf())).andReturn().getResponse().getContentAsString());
        for (String get : List.of("/explorer", "/explorer/try", "/explorer/rulesets", "/explorer/compare", "/explorer/review", "/explorer/reloads")) {
            pages.add(mvc.perform(get(get).with(EVERY_ROLE)).andReturn().getResponse().getContentAsString());
        }
        for (String page : pages) {
            for (String url : attributes(page, "href|action|src")) {
                assertThat(url).as(url).doesNotContain("EXP-URL-SECRET-1", "2025-06-15", "?");
            }
            // Every form posts: what is typed into it travels in the body, never in the address.
            Matcher form = Pattern.compile("<form\\b[^>]*>").matcher(page);
            while (form.find()) {
                assertThat(form.group()).as(form.group()).contains("method=\"post\"");
            }
        }
        assertThat(pages.get(0)).contains("EXP-URL-SECRET-1");
    }

    @Test
    void pagesLoadOnlyTheirOwnAssetsAndRunNoInlineScript() throws Exception {
        MvcResult result = mvc.perform(get("/explorer/try").with(EVERY_ROLE)).andReturn();
        String csp = result.getResponse().getHeader("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "form-action 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        assertThat(result.getResponse().getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(result.getResponse().getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(result.getResponse().getHeader("Cache-Control")).contains("no-store");
        assertThat(result.getResponse().getHeader("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
        assertThat(result.getResponse().getHeader("Strict-Transport-Security")).startsWith("max-age=31536000");
        String page = result.getResponse().getContentAsString();
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContain(" style=\"", " onclick=", "http://", "https://");
        assertThat(attributes(page, "src|href").stream().filter(u -> !u.startsWith("#"))).allSatisfy(u -> assertThat(u).startsWith("/explorer"));
        assertThat(mvc.perform(get("/explorer/explorer.css")).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get("/explorer/explorer.js")).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void theDashChecklistHasAllTwentySevenQuestionsEachWithYesNoAndDontKnow() throws Exception {
        String page = mvc.perform(get("/explorer/try").with(CALLER)).andReturn().getResponse().getContentAsString();
        for (String answer : List.of("YES", "NO", "DONT_KNOW")) {
            assertThat(Pattern.compile("name=\"dash\\.answers\\.[a-z_]+\" value=\"" + answer + "\"").matcher(page).results().count()).isEqualTo(27);
        }
        // Every input and select is labelled.
        Matcher input = Pattern.compile("<(input|select|textarea)\\b[^>]*>").matcher(page);
        while (input.find()) {
            String tag = input.group();
            if (!tag.contains("type=\"hidden\"")) {
                Matcher id = Pattern.compile("\\bid=\"([^\"]+)\"").matcher(tag);
                boolean labelled = tag.contains("aria-labelledby=") || (id.find() && page.contains("for=\"" + id.group(1) + "\""))
                        || tag.contains("type=\"radio\"") || tag.contains("type=\"checkbox\"");
                assertThat(labelled).as(tag).isTrue();
            }
        }
    }

    private static String errorBeside(String page, String inputId) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(inputId) + "-error\"[^>]*>(.*?)</p>", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("an error beside " + inputId).isTrue();
        return m.group(1);
    }

    private static List<String> attributes(String page, String names) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("\\b(?:" + names + ")=\"([^\"]*)\"").matcher(page);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String cookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
    }

    private static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1);
    }
}
