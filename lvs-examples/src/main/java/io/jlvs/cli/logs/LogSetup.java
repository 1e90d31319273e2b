package io.jlvs.cli.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * How jlvsd, jlvsadm and jlvsctl log (logback, found through java.util.ServiceLoader before logback
 * would look for an XML file): one appender to stderr, {@link StderrLayout}'s journal form when stderr
 * is systemd's journal stream ({@link JournalStream}), its terminal form otherwise, level info. jlvsd
 * changes levels afterwards ({@code --log-level}, {@code jlvsctl log-level}) through {@link LogbackLevels}.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        install(context, JournalStream.stderrIsJournal());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Replaces {@code context}'s appenders with the stderr one, journal form or not; root level info. */
    static void install(LoggerContext context, boolean journal) {
        StderrLayout layout = new StderrLayout(context, journal);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(stderr);
        root.setLevel(Level.INFO);
    }
}
