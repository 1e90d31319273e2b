package io.jlvs.director.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A control target that records calls and answers fixed values. */
class RecordingTarget implements ControlTarget {
    final List<String> calls = new ArrayList<>();
    /** When set, log-level answers as a target without a way to change levels (the interface's default). */
    boolean fixedLevels;

    @Override
    public Object status() {
        calls.add("status");
        return Map.of("role", "ACTIVE", "services", List.of(Map.of("name", "http")));
    }

    @Override
    public int reload() throws Exception {
        calls.add("reload");
        throw new Exception("/etc/lvs.cf:7: port: 'eighty' is not a port number");
    }

    /** The editing commands: "check N" (the text's length), "plan-config", "reload"; a text with "eighty" is refused. */
    final ConfigEdits edits = new ConfigEdits(new ConfigFile(java.nio.file.Path.of("/nonexistent/lvs.cf")), new ConfigEdits.Director() {
        @Override
        public io.jlvs.config.Configuration check(java.nio.file.Path file, String text) throws io.jlvs.director.ConfigurationRejectedException {
            calls.add("check " + text.length());
            if (text.contains("eighty")) {
                throw new io.jlvs.director.ConfigurationRejectedException(file, List.of(file + ":3: port: 'eighty' is not a port number"));
            }
            try {
                return io.jlvs.config.LvsCf.parse(file.toString(), OneVirtualFile.text("", "")).configuration();
            } catch (io.jlvs.config.ConfigException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<String> plan(io.jlvs.config.Configuration proposed) {
            calls.add("plan-config");
            return List.of("edit server TCP 10.0.0.1:80 -> 10.0.1.1:80 weight 5");
        }

        @Override
        public List<String> restartNeeded(io.jlvs.config.Configuration proposed) {
            return List.of();
        }

        @Override
        public int reload() {
            calls.add("reload");
            return 1;
        }
    });

    @Override
    public ConfigEdits configEdits() {
        return edits;
    }

    @Override
    public List<String> plan() {
        calls.add("plan");
        return List.of("add service TCP 10.0.0.1:80 wlc");
    }

    @Override
    public void weight(String service, String server, int weight) {
        calls.add("weight " + service + " " + server + " " + weight);
        if (service.equals("nope")) {
            throw new IllegalArgumentException("no virtual service 'nope'");
        }
    }

    @Override
    public void enable(String service, String server, boolean enabled) {
        calls.add((enabled ? "enable " : "disable ") + service + " " + server);
    }

    @Override
    public Object drain(String service, String server, Duration timeout) {
        calls.add("drain " + service + " " + server + " " + timeout);
        return new io.jlvs.director.DrainResult(true, 0, timeout);   // what the Director answers
    }

    @Override
    public String logLevel(java.util.Optional<String> logger, String level) {
        if (fixedLevels) {
            return ControlTarget.super.logLevel(logger, level);
        }
        calls.add("log-level " + logger.orElse("(root)") + " " + level);
        return logger.orElse("root") + ": " + level;
    }
}
