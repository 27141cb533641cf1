package org.referraldecisions.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.referraldecisions.Fixtures;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Swagger UI as an integrator uses it, in headless Chromium (Debian's chromium and chromium-driver, which
 * .ci/run installs): Authorize with a key, open "Decide one case", Try it out with the document's example
 * (a Cleveland golden case) and Execute: the answer is 200 with a decision. Screenshots of each step go to
 * target/screenshots/. Skipped only where Chromium is not installed; .ci/run fails if it was skipped there.
 */
// The same properties as AccessControlTests, so the two share one application context.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "referrals.warmup.decisions=0")
class SwaggerUiScreenshotTests {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    @LocalServerPort
    int port;

    private WebDriver browser;

    @BeforeEach
    void browser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed (apt-get install chromium chromium-driver; .ci/run installs it): Swagger UI not tested");
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1800",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void authoriseWithAKeyAndTryTheDecisionExampleFor200() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get("http://localhost:" + port + "/swagger-ui.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".information-container .title")));
        assertThat(browser.findElement(By.cssSelector(".information-container .title")).getText()).contains("Referral Decision Service API");
        WebElement authorize = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".auth-wrapper .btn.authorize")));
        shot("01-swagger-ui");

        authorize.click();
        WebElement key = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux input")));
        key.sendKeys(Fixtures.KEY_CALLER);
        browser.findElement(By.cssSelector(".modal-ux .auth-btn-wrapper .btn.modal-btn.auth.authorize")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux .auth-btn-wrapper .btn.modal-btn.auth:not(.authorize)")));
        assertThat(browser.findElement(By.cssSelector(".modal-ux")).getText()).contains("Authorized");
        shot("02-authorised");
        browser.findElement(By.cssSelector(".modal-ux .btn-done")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-ux")));

        WebElement decide = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("operations-decisions-decide")));
        scrollTo(decide);
        decide.findElement(By.cssSelector(".opblock-summary-control")).click();
        WebElement tryItOut = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#operations-decisions-decide .try-out__btn")));
        scrollTo(tryItOut);
        tryItOut.click();
        WebElement body = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#operations-decisions-decide textarea.body-param__text")));
        assertThat(body.getAttribute("value")).contains("\"area\": \"cleveland\"").contains("GOLD-CL-029");
        WebElement execute = browser.findElement(By.cssSelector("#operations-decisions-decide .btn.execute"));
        scrollTo(execute);
        execute.click();
        WebElement status = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#operations-decisions-decide .live-responses-table .response .response-col_status")));
        WebElement answer = browser.findElement(By.cssSelector("#operations-decisions-decide .live-responses-table .response .microlight"));
        scrollTo(status);
        shot("03-decision-200");
        assertThat(status.getText()).startsWith("200");
        assertThat(answer.getText()).contains("\"decisionId\"").contains("\"refer\": true");
    }

    private void scrollTo(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    private void shot(String name) throws Exception {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
