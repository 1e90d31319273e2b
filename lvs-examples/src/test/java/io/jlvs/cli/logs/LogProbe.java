package io.jlvs.cli.logs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A program that logs one line at each level and an error with a stack trace (for {@link JournalLoggingTest}). */
public final class LogProbe {
    private LogProbe() {
    }

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger(LogProbe.class);
        log.debug("not shown at info");
        log.info("event=probe level=info");
        log.warn("event=probe level=warn");
        log.error("event=probe level=error", new IllegalStateException("injected"));
    }
}
