package io.jlvs.director;

import io.jlvs.config.Configuration;
import io.jlvs.director.internal.ConfigEdits;
import io.jlvs.director.internal.ConfigFile;
import io.jlvs.director.internal.ControlTarget;
import java.nio.file.Path;
import io.jlvs.director.internal.Kv;
import java.time.Duration;
import java.util.List;

/** The director as the control protocol sees it. */
final class ControlHandler implements ControlTarget {
    private final Director director;
    private final ConfigEdits edits;

    ControlHandler(Director director) {
        this.director = director;
        this.edits = new ConfigEdits(new ConfigFile(director.settings().configFile()), new ConfigEdits.Director() {
            @Override
            public Configuration check(Path file, String text) throws ConfigurationRejectedException {
                return director.check(file, text);
            }

            @Override
            public List<String> plan(Configuration proposed) {
                return director.plan(proposed);
            }

            @Override
            public List<String> restartNeeded(Configuration proposed) {
                return director.restartNeeded(proposed);
            }

            @Override
            public int reload() throws ConfigurationRejectedException {
                return director.reload();
            }

            @Override
            public List<String> peers() {
                return director.peers();
            }
        });
    }

    @Override
    public ConfigEdits configEdits() {
        return edits;
    }

    @Override
    public Object status() {
        return director.status();
    }

    @Override
    public int reload() throws ConfigurationRejectedException {
        return director.reload();
    }

    @Override
    public List<String> restartNeeded() {
        return director.restartNeeded();
    }

    @Override
    public List<String> plan() {
        return director.plan();
    }

    @Override
    public void weight(String service, String server, int weight) {
        director.setWeight(service, server, weight);
    }

    @Override
    public void enable(String service, String server, boolean enabled) {
        director.setEnabled(service, server, enabled);
    }

    @Override
    public String logLevel(java.util.Optional<String> logger, String level) {
        java.util.Optional<LogLevels> levels = director.settings().logLevels();
        if (levels.isEmpty()) {
            return ControlTarget.super.logLevel(logger, level);   // says they are fixed
        }
        String changed = levels.get().set(logger, level);
        org.slf4j.LoggerFactory.getLogger(Director.class).info(Kv.line("event", "admin", "action", "log-level",
                "changed", changed));
        return changed;
    }

    @Override
    public Object drain(String service, String server, Duration timeout) throws InterruptedException {
        return director.drain(service, server, timeout);
    }
}
