package io.jlvs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * lvs.cf edited in a real browser (headless Chromium): a real server's weight through the REAL SERVER
 * panel, reviewed (jlvsd's plan and the diff), applied, and seen in the director, the file and the
 * status page; a bad value shows jlvsd's {@code file:line: key} message and changes nothing.
 */
class ConsoleConfigBrowserTest extends BrowserConsoleTest {
    private void reviewRs1Weight(String value) {
        browser.logIn(console.uri("/login").toString(), "olga", ConsoleFixture.PASSWORD);
        browser.driver.findElement(By.id("config-link")).click();
        browser.until("the lvs.cf page", d -> !d.findElements(By.id("server-web-rs1")).isEmpty());
        WebElement panel = browser.driver.findElement(By.id("server-web-rs1"));
        assertEquals("REAL SERVER web / rs1", panel.findElement(By.tagName("h2")).getText());
        WebElement weight = panel.findElement(By.name("set.weight"));
        weight.clear();
        weight.sendKeys(value);
        panel.findElement(By.xpath(".//button[normalize-space()='Review']")).click();
        browser.until("the review page", d -> !d.findElements(By.id("diff")).isEmpty());
    }

    @Test
    void aWeightChangedInTheRealServerPanelIsReviewedAppliedAndShown() throws Exception {
        reviewRs1Weight("7");
        assertEquals(List.of("~ real server TCP 10.23.8.80:80 -> 10.11.12.11:80 Route weight 1 -> 7"),
                browser.driver.findElements(By.cssSelector("#operations li")).stream().map(WebElement::getText).toList());
        String diff = browser.driver.findElement(By.id("diff")).getText();
        assertTrue(diff.contains("-   15          weight = 1   # the small one") && diff.contains("+   15          weight = 7   # the small one"), diff);
        assertEquals(FakeDirector.LVS_CF, Files.readString(console.director.file), "the review wrote nothing");
        browser.screenshot("config-review");

        browser.driver.findElement(By.id("apply")).click();
        browser.until("the outcome", d -> !d.findElements(By.id("outcome")).isEmpty());
        assertTrue(browser.driver.findElement(By.id("outcome")).getText().startsWith("Applied: 1 kernel operation(s)"),
                browser.driver.findElement(By.id("outcome")).getText());
        assertEquals(7, console.director.weights.get("rs1"));
        assertEquals(FakeDirector.LVS_CF.replace("weight = 1   #", "weight = 7   #"), Files.readString(console.director.file));
        browser.screenshot("config-applied");

        browser.driver.findElement(By.linkText("status")).click();
        browser.until("the status page shows rs1 at weight 7", d -> d.findElement(
                By.cssSelector("section[data-service='web'] tr[data-server='rs1'] .weight")).getText().equals("7"));
    }

    @Test
    void aBadWeightShowsJlvsdsMessageAndChangesNothing() throws Exception {
        reviewRs1Weight("70000");
        String message = browser.driver.findElement(By.cssSelector("#diagnostics li")).getText();
        assertTrue(message.startsWith(console.director.file + ":15: weight: "), message);
        assertTrue(browser.driver.findElements(By.id("apply")).isEmpty(), "no apply button");
        assertEquals(FakeDirector.LVS_CF, Files.readString(console.director.file));
        assertEquals(1, console.director.weights.get("rs1"));
        assertEquals("", console.auditText());
        browser.screenshot("config-refused");
    }
}
