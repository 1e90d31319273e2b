package io.jlvs.bench.health;

import io.jlvs.health.ProbeResult;

/** What a TCP probe found, by kind: the run counts them and checks each server got the one it was set up for. */
enum Verdict {
    UP, REFUSED, TIMED_OUT, OTHER;

    /** The kind of a TCP connect check's result ("connection refused", "connect timed out after ..."). */
    static Verdict of(ProbeResult result) {
        if (result.up()) {
            return UP;
        }
        if (result.reason().equals("connection refused")) {
            return REFUSED;
        }
        if (result.reason().startsWith("connect timed out")) {
            return TIMED_OUT;
        }
        return OTHER;
    }

    /** "up", "refused", "timed out", "other": as results name them. */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
