package io.jlvs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jlvs.director.ControlClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console in a real browser (headless Chromium): what an operator and a viewer see and do on the
 * pages, the page's poller, and what reaches the director, read back through the control socket's
 * {@code status}. Each test leaves a screenshot in target/screenshots.
 */
class ConsoleBrowserTest extends BrowserConsoleTest {
    @Test
    void operatorLogsInAndSeesTheDirectorsRoleAndTheRealServersWithTheirWeights() throws Exception {
        browser.driver.get(console.uri("/").toString());
        browser.until("the status page sends a stranger to the login form", d -> d.getCurrentUrl().endsWith("/login"));
        logInThroughTheForm("olga");

        assertEquals("olga (operator) Log out", text(By.cssSelector(".who")), "the logout button sits beside who is logged in");
        assertEquals("ACTIVE", text(By.id("role")));
        assertEquals("backup 10.0.0.2 alive", text(By.cssSelector("#peers li")));
        assertEquals(List.of("rs1", "rs2"), browser.driver.findElements(By.cssSelector("section[data-service='web'] tr[data-server]"))
                .stream().map(tr -> tr.getDomAttribute("data-server")).toList());
        assertEquals("10.11.12.11:80", cell("rs1", "td:nth-child(2)"));
        assertEquals("10.11.12.12:80", cell("rs2", "td:nth-child(2)"));
        assertEquals("1", cell("rs1", ".weight"));
        assertEquals("1", cell("rs2", ".weight"));
        assertEquals("UP", cell("rs1", ".health"));
        assertEquals("200 OK <b>", cell("rs1", ".reason"), "what jlvsd says is shown as text, never as markup");
        browser.screenshot("operator-status");
    }

    @Test
    void operatorSetsAWeightThroughTheFormAndTheDirectorHasIt() throws Exception {
        logIn("olga");
        WebElement weight = row("rs1").findElement(By.name("weight"));
        weight.clear();
        weight.sendKeys("7");
        button("rs1", "Set weight").click();

        browser.until("the page says the weight was set", d -> text(By.cssSelector(".notice:not(.refused)")).equals("Done: weight web rs1"));
        browser.until("the page shows rs1's new weight", d -> cell("rs1", ".weight").equals("7"));
        assertEquals("1", cell("rs2", ".weight"));
        assertEquals(7, directorsServer("rs1").path("weight").asInt());
        assertEquals(List.of("weight web rs1 7"), console.director.calls());
        browser.screenshot("weight-set");
    }

    @Test
    void drainButtonLeavesTheServerAtWeightZeroAsTheDirectorReports() throws Exception {
        logIn("olga");
        button("rs2", "drain").click();

        browser.until("the page says the drain started", d -> text(By.cssSelector(".notice:not(.refused)"))
                .equals("Started: drain web rs2 (its progress is under Drains)"));
        browser.until("the page shows rs2 at weight 0", d -> cell("rs2", ".weight").equals("0"));
        browser.until("the drain's outcome under Drains, without a reload", d -> text(By.cssSelector("#drains li"))
                .matches("drain web rs2 by olga: [{].*\"drained\":true.*[}] after [0-9]+ s, .*"));
        assertEquals(0, directorsServer("rs2").path("weight").asInt());
        assertEquals("1", cell("rs1", ".weight"));
        assertEquals(List.of("drain web rs2 PT30S"), console.director.calls());
        browser.screenshot("drained");
    }

    @Test
    void theWeightFormRefusesWhatIsNotAWeightAndSendsNothing() throws Exception {
        logIn("olga");
        WebElement rs1 = row("rs1");
        for (String value : List.of("70000", "abc", "-1")) {
            WebElement weight = rs1.findElement(By.name("weight"));
            weight.clear();
            weight.sendKeys(value);
            button("rs1", "Set weight").click();
            String message = weight.getDomProperty("validationMessage");
            assertFalse(message == null || message.isEmpty(), value + ": the form shows no message");
            assertTrue(rs1.isDisplayed(), value + ": the page is still the one it was");   // a new page would make rs1 stale
        }
        assertEquals("1", cell("rs1", ".weight"));
        assertTrue(console.director.calls().isEmpty(), console.director.calls().toString());
        assertEquals("", console.auditText());
        browser.screenshot("weight-refused-by-form");
    }

    @Test
    void aWeightOutOfRangeThatGetsPastTheFormShowsJlvsdsRefusalAndChangesNothing() throws Exception {
        logIn("olga");
        WebElement weight = row("rs1").findElement(By.name("weight"));
        // as a browser without form validation would send it
        browser.driver.executeScript("arguments[0].form.noValidate = true;", weight);
        weight.clear();
        weight.sendKeys("70000");
        button("rs1", "Set weight").click();

        browser.until("the page shows jlvsd's refusal as one", d -> text(By.cssSelector(".notice.refused"))
                .equals("jlvsd refused: weight web rs1: 'weight' must be a whole number 0..65535, got 70000"));
        assertEquals("1", cell("rs1", ".weight"));
        assertEquals(1, directorsServer("rs1").path("weight").asInt());
        assertTrue(console.director.calls().isEmpty(), console.director.calls().toString());
        browser.screenshot("weight-refused-by-jlvsd");
    }

    @Test
    void aWeightThatIsNotANumberIsRefusedByTheConsoleWithItsMessage() throws Exception {
        logIn("olga");
        WebElement weight = row("rs1").findElement(By.name("weight"));
        // a number field takes no letters: a text field is what a hand-made request amounts to
        browser.driver.executeScript("arguments[0].form.noValidate = true; arguments[0].type = 'text';", weight);
        weight.clear();
        weight.sendKeys("abc");
        button("rs1", "Set weight").click();

        browser.until("the status page with the console's message", d -> text(By.cssSelector(".notice.refused"))
                .equals("Not sent: weight web rs1: weight must be a whole number 0..65535, got 'abc'"));
        assertEquals("1", cell("rs1", ".weight"), "the status page, with its table");
        assertEquals(1, directorsServer("rs1").path("weight").asInt());
        assertTrue(console.director.calls().isEmpty(), console.director.calls().toString());
        assertEquals("", console.auditText());
        browser.screenshot("weight-refused-by-console");
    }

    @Test
    void viewerSeesTheServersButNoChangeForms() throws Exception {
        logIn("victor");

        assertEquals("victor (viewer) Log out", text(By.cssSelector(".who")));
        assertEquals("1", cell("rs1", ".weight"));
        assertEquals("1", cell("rs2", ".weight"));
        assertEquals(List.of(), browser.driver.findElements(By.cssSelector("form[action^='/servers/'], input[name='weight'], td.change"))
                .stream().map(e -> e.getDomProperty("outerHTML")).toList());
        assertEquals(List.of("Log out"), browser.driver.findElements(By.tagName("button")).stream().map(WebElement::getText).toList());
        browser.screenshot("viewer-status");
    }

    @Test
    void thePollerShowsAChangeMadeElsewhereWithoutReloadingThePage() throws Exception {
        logIn("victor");
        WebElement rs2 = row("rs2");
        ControlClient jlvsctl = control();
        jlvsctl.call(jlvsctl.request("weight").put("service", "web").put("server", "rs2").put("weight", 5));

        browser.until("the poller shows rs2's new weight", d -> rs2.findElement(By.cssSelector(".weight")).getText().equals("5"));
        assertEquals("weight 5", rs2.findElement(By.cssSelector(".admin")).getText());
        assertTrue(rs2.isDisplayed(), "the row was updated in place");   // a reload would have made rs2 stale
        browser.screenshot("poller");
    }

    @Test
    void theStatusPageShowsThePairThePeersPathsAndChartsOfTheRates() throws Exception {
        logIn("victor");
        assertEquals("primary", text(By.id("node")));
        assertEquals("held", text(By.cssSelector("tr[data-address='10.23.8.80/24'] .on-host")));
        assertEquals("down", text(By.cssSelector("div[data-peer='backup'] tr[data-path='private'] .path-state")));
        assertEquals("12", cell("rs1", ".cps"));
        browser.until("a chart of rs1's connections/s drawn from the samples", d -> !row("rs1")
                .findElement(By.cssSelector("svg[data-series='cps'] polyline")).getDomAttribute("points").isEmpty());
        console.director.rs1Stats = new io.jlvs.ipvs.Stats(0, 0, 0, 0, 0, 99, 0, 0, 0, 0);
        browser.until("the poller shows rs1's new rate", d -> cell("rs1", ".cps").equals("99"));
        assertEquals("on-host not-held", browser.driver.findElement(By.cssSelector("tr[data-address='10.11.12.1/24'] td:last-child"))
                .getDomAttribute("class"), "the poller keeps the cell's classes that colour it");
        browser.until("a second point on the chart", d -> row("rs1").findElement(By.cssSelector("svg[data-series='cps'] polyline"))
                .getDomAttribute("points").split(" ").length >= 2);
        browser.screenshot("status-pair-and-charts");
    }

    @Test
    void wrongPasswordsThroughTheFormEndOnTheRateLimitPage() throws Exception {
        for (int i = 0; i <= LoginLimiter.MAX_FAILURES; i++) {
            browser.driver.get(console.uri("/login").toString());
            browser.driver.findElement(By.name("user")).sendKeys("olga");
            browser.driver.findElement(By.name("password")).sendKeys(i < LoginLimiter.MAX_FAILURES ? "guess " + i : ConsoleFixture.PASSWORD);
            browser.driver.findElement(By.xpath("//button[normalize-space()='Log in']")).click();
            String expected = i < LoginLimiter.MAX_FAILURES ? "Wrong user name or password."
                    : "Too many failed logins: try again in " + LoginLimiter.WINDOW.toMinutes() + " minutes.";
            browser.until("attempt " + (i + 1) + ": " + expected, d -> !d.findElements(By.cssSelector(".login .error")).isEmpty()
                    && text(By.cssSelector(".login .error")).equals(expected));
        }
        assertTrue(browser.driver.findElements(By.id("role")).isEmpty(), "not logged in, even with the right password");
        browser.screenshot("login-rate-limited");
    }

    @Test
    void logOutEndsTheSessionAndTheOldPageCannotComeBack() throws Exception {
        logIn("olga");
        browser.driver.findElement(By.xpath("//button[normalize-space()='Log out']")).click();
        browser.until("the login form after logging out", d -> d.getCurrentUrl().endsWith("/login"));
        browser.driver.get(console.uri("/").toString());
        browser.until("the status page sends the logged-out browser to the login form", d -> d.getCurrentUrl().endsWith("/login"));
        browser.screenshot("logged-out");
    }

    @Test
    void anExpiredSessionSendsTheOpenPageToTheLoginForm() throws Exception {
        logIn("victor");
        console.ticker.advance(console.console.config().sessionTimeout().plusMinutes(1));
        browser.until("the poller, refused, goes to the login form", d -> d.getCurrentUrl().endsWith("/login"));
        browser.screenshot("session-expired");
    }

    private void logIn(String user) {
        browser.logIn(console.uri("/login").toString(), user, ConsoleFixture.PASSWORD);
    }

    private void logInThroughTheForm(String user) {
        browser.driver.findElement(By.name("user")).sendKeys(user);
        browser.driver.findElement(By.name("password")).sendKeys(ConsoleFixture.PASSWORD);
        browser.driver.findElement(By.xpath("//button[normalize-space()='Log in']")).click();
        browser.until("the status page after logging in as " + user, d -> !d.findElements(By.cssSelector("#role")).isEmpty());
    }

    /** The button labelled {@code label} in the server's row, found as an operator finds it: by what it says. */
    private WebElement button(String server, String label) {
        return row(server).findElement(By.xpath(".//button[normalize-space()='" + label + "']"));
    }

    private String text(By by) {
        return browser.text(by);
    }

    private WebElement row(String server) {
        return browser.serverRow("web", server);
    }

    private String cell(String server, String selector) {
        return row(server).findElement(By.cssSelector(selector)).getText();
    }

    private ControlClient control() {
        return new ControlClient(console.control.path(), "the test's control server", "the test runs as the socket's owner");
    }

    /** The real server as the director reports it through the control socket's status, not as the page shows it. */
    private JsonNode directorsServer(String name) throws ControlClient.ControlException {
        ControlClient c = control();
        for (JsonNode server : c.call(c.request("status")).at("/services/0/servers")) {
            if (server.path("name").asText().equals(name)) {
                return server;
            }
        }
        throw new AssertionError("the director reports no real server " + name);
    }
}
