package io.jlvs.cli.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.jlvs.director.LogLevels;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/** {@link LogLevels} on logback: what jlvsd's {@code --log-level} and {@code jlvsctl log-level} change. */
public final class LogbackLevels implements LogLevels {
    private final LoggerContext context;

    /** On the process's logback context. */
    public LogbackLevels() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext c)) {
            throw new IllegalStateException("logging is not logback (" + LoggerFactory.getILoggerFactory().getClass().getName()
                    + "): log levels cannot be changed");
        }
        this.context = c;
    }

    LogbackLevels(LoggerContext context) {
        this.context = context;
    }

    @Override
    public String set(Optional<String> logger, String level) {
        String checked = LogLevels.checked(level);
        Logger target = context.getLogger(logger.orElse(Logger.ROOT_LOGGER_NAME));
        String was = target.getLevel() == null ? "inherited " + name(target.getEffectiveLevel()) : name(target.getLevel());
        target.setLevel(Level.toLevel(checked.toUpperCase(Locale.ROOT)));
        return logger.orElse("root") + ": " + checked + " (was " + was + ")";
    }

    private static String name(Level level) {
        return level.levelStr.toLowerCase(Locale.ROOT);
    }
}
