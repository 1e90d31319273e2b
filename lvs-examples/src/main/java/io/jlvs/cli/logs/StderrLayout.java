package io.jlvs.cli.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.LayoutBase;

/**
 * One log event as the programs write it to stderr: {@code TIME LEVEL Logger - message} for a terminal
 * or a file, and for the journal each line prefixed with its syslog priority ({@code <3>} error,
 * {@code <4>} warning, {@code <6>} info, {@code <7>} debug; sd-daemon(3)) and no timestamp, since
 * journald stamps every entry itself. Every line of a stack trace carries the prefix, so it is filed
 * at the event's priority rather than as info.
 */
final class StderrLayout extends LayoutBase<ILoggingEvent> {
    static final String TERMINAL = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%n%ex";
    static final String JOURNAL = "%-5level %logger{0} - %msg%n%ex";

    private final boolean journal;
    private final PatternLayout pattern = new PatternLayout();

    StderrLayout(Context context, boolean journal) {
        this.journal = journal;
        setContext(context);
        pattern.setContext(context);
        pattern.setPattern(journal ? JOURNAL : TERMINAL);
    }

    @Override
    public void start() {
        pattern.start();
        super.start();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        String text = pattern.doLayout(event);
        if (!journal) {
            return text;
        }
        String prefix = "<" + priority(event.getLevel()) + ">";
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.lines().forEach(line -> out.append(prefix).append(line).append('\n'));
        return out.toString();
    }

    /** The syslog priority of a logback level. */
    static int priority(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> 3;
            case Level.WARN_INT -> 4;
            case Level.INFO_INT -> 6;
            default -> 7;
        };
    }
}
