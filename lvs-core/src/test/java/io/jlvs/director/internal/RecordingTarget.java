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
