package org.referraldecisions.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.referraldecisions.Fixtures;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The explorer in a real browser: Debian's headless {@code chromium} driven by its {@code chromedriver} through
 * Selenium WebDriver, against the service on a random port. One Spring context (shared with the other explorer
 * and access tests) and one browser for the class. Each page visited is saved as a screenshot under
 * {@code target/screenshots/explorer/} for a reviewer to look at. Skipped where chromium is not installed; the CI
 * script installs it and fails the run if these tests were skipped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "referrals.warmup.decisions=0")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorerBrowserTests {

    static final Path CHROMIUM = Path.of(System.getProperty("explorer.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("explorer.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots", "explorer");
    static final String CLEVELAND_CASE = "cleveland/version-by-date-2026-04-01-repeat-under-2026-04.json";

    @LocalServerPort
    int port;

    ChromeDriver browser;

    @BeforeAll
    void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000",
                "--lang=en-GB");
        // The driver is named outright, so Selenium Manager never tries to download one.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.get(url("/explorer/explorer.css"));
        browser.manage().deleteAllCookies();
        browser.get(url("/explorer/sign-in"));
    }

    @Test
    void aPolicyOwnerTriesACaseComparesVersionsReviewsAndReplaysADecisionAndSignsOut() throws IOException {
        browser.get(url("/explorer/try"));
        assertThat(browser.getCurrentUrl()).endsWith("/explorer/sign-in");
        screenshot("01-sign-in");
        signIn(Fixtures.KEY_ALL_ROLES);
        // Signing in returns to the page asked for.
        awaitHeading("Try a case");
        browser.findElement(By.linkText("Home")).click();
        awaitHeading("What would you like to do?");
        screenshot("02-home");

        // Try a Cleveland case, starting from a golden case.
        browser.findElement(By.linkText("Try a case")).click();
        new Select(await(By.id("f-goldenCase"))).selectByValue(CLEVELAND_CASE);
        browser.findElement(By.id("prefill")).click();
        assertThat(await(By.id("prefilled")).getText()).contains(CLEVELAND_CASE);
        assertThat(browser.findElement(By.id("f-victim-age")).getAttribute("value")).isEqualTo("34");
        assertThat(browser.findElements(By.cssSelector("#f-dash tbody tr"))).hasSize(27);
        assertThat(browser.findElement(By.cssSelector("input[name='dash.answers.very_frightened'][value='YES']")).isSelected()).isTrue();
        screenshotAt("03a-try-a-case-dash-checklist", "f-dash", "start");
        browser.findElement(By.id("decide")).click();
        assertThat(await(By.id("recorded")).getText()).contains("recorded in the decision log");
        assertThat(browser.findElement(By.id("decision-heading")).getText()).isEqualTo("Refer to MARAC");
        WebElement trace = browser.findElement(By.cssSelector("ol.trace"));
        assertThat(trace.findElements(By.tagName("li"))).isNotEmpty();
        assertThat(trace.getText()).contains("Cites Cleveland 8.3.1");
        assertThat(browser.findElement(By.cssSelector("dd[data-field='marac.repeat']")).getText()).isEqualTo("Yes");
        String decisionId = browser.findElement(By.id("decision-id")).getText();
        screenshot("03-try-a-case-decision");
        assertThat(browser.getCurrentUrl()).endsWith("/explorer/try");

        // A validation error appears beside its field, and nothing is decided.
        WebElement age = browser.findElement(By.id("f-victim-age"));
        age.clear();
        age.sendKeys("130");
        browser.findElement(By.id("decide")).click();
        WebElement error = await(By.id("f-victim-age-error"));
        assertThat(error.getText()).contains("120");
        assertThat(error.findElement(By.xpath(".."))).isEqualTo(browser.findElement(By.id("f-victim-age")).findElement(By.xpath("..")));
        assertThat(browser.findElements(By.id("decision-heading"))).isEmpty();
        // explorer.js moves focus to the list of errors, so a screen reader reads it first.
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> "error-summary".equals(d.switchTo().activeElement().getAttribute("id")));
        browser.findElement(By.cssSelector("#error-summary a[href='#f-victim-age']")).click();
        screenshotAt("04-try-a-case-validation-error", "f-victim-age", "center");

        // Rule sets.
        browser.findElement(By.linkText("Rule sets")).click();
        screenshot("05-rule-sets");
        await(By.linkText("cleveland@2026-04")).click();
        assertThat(await(By.cssSelector("ol.rules")).getText()).contains("Cleveland Appendix 2");
        screenshot("06-rule-set");
        browser.findElement(By.id("source-link")).click();
        assertThat(await(By.cssSelector("pre.source")).getText()).isNotBlank();
        screenshot("07-rule-set-source");

        // Compare two Cleveland versions.
        browser.findElement(By.linkText("Compare versions")).click();
        new Select(await(By.id("from"))).selectByValue("cleveland@2017-10");
        new Select(browser.findElement(By.id("to"))).selectByValue("cleveland@2026-04");
        browser.findElement(By.id("compare")).click();
        assertThat(await(By.id("impact-summary")).getText()).matches("[1-9]\\d* of \\d+ cases are decided differently.*");
        assertThat(browser.findElements(By.cssSelector("article.changed-case"))).isNotEmpty();
        screenshot("08-compare-versions");

        // Open the logged decision, replay it, verify the log.
        browser.findElement(By.linkText("Review a decision")).click();
        await(By.id("decisionId")).sendKeys(decisionId);
        browser.findElement(By.id("find")).click();
        assertThat(await(By.id("logged-heading")).getText()).contains(decisionId);
        browser.findElement(By.id("replay")).click();
        assertThat(await(By.id("replay-result")).getText()).startsWith("Replayed: identical.");
        screenshot("09-review-replayed");
        // A review board prints a decision: the print style sheet drops navigation and buttons and opens the stored bodies.
        Pdf printed = browser.print(new PrintOptions());
        byte[] pdf = Base64.getDecoder().decode(printed.getContent());
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        Files.write(SCREENSHOTS.resolve("09-review-printed.pdf"), pdf);
        browser.findElement(By.id("verify")).click();
        assertThat(await(By.id("verification")).getText()).startsWith("The decision log is intact.");
        screenshotAt("10-review-verified", "verification", "center");
        assertThat(browser.getCurrentUrl()).doesNotContain(decisionId);

        // Sign out: the review pages are closed again.
        browser.findElement(By.id("sign-out")).click();
        assertThat(await(By.id("signed-out")).getText()).isEqualTo("You have signed out.");
        screenshot("11-signed-out");
        browser.get(url("/explorer/review"));
        assertThat(browser.getCurrentUrl()).endsWith("/explorer/sign-in");
    }

    @Test
    void aCallerCannotOpenTheReviewPages() throws IOException {
        signIn(Fixtures.KEY_CALLER);
        assertThat(browser.findElements(By.linkText("Review a decision"))).isEmpty();
        for (String page : new String[] {"/explorer/review", "/explorer/rulesets", "/explorer/compare"}) {
            browser.get(url(page));
            awaitHeading("Your key does not allow this page");
        }
        screenshot("12-caller-refused-review");
        browser.findElement(By.id("sign-out")).click();
    }

    private void signIn(String key) {
        await(By.id("key")).sendKeys(key);
        browser.findElement(By.id("sign-in")).click();
        await(By.id("sign-out"));
    }

    /** The element, once the page that has it has loaded (a click that submits a form returns before the next page is there). */
    private WebElement await(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    private void awaitHeading(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The whole page, up to a height a reviewer can still read. */
    private void screenshot(String name) throws IOException {
        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1280, (int) Math.min(Math.max(height, 600), 2400)));
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    /** The part of the page around an element (the error beside a field, a result). */
    private void screenshotAt(String name, String elementId, String block) throws IOException {
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).scrollIntoView({block: arguments[1]})", elementId, block);
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
