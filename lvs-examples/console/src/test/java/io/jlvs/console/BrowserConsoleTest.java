package io.jlvs.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A {@link ConsoleTest} with a headless Chromium of its own, opened before each test and closed after it. */
abstract class BrowserConsoleTest extends ConsoleTest {
    HeadlessChromium browser;

    @BeforeEach
    void openBrowser() {
        browser = new HeadlessChromium(dir.resolve("chromium"));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
