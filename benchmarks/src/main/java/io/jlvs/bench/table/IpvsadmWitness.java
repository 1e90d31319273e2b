package io.jlvs.bench.table;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

import io.jlvs.bench.scale.Command;
import io.jlvs.bench.scale.ScaleNamespace;

/** ipvsadm as the peer and the independent witness of what a namespace's table holds. */
final class IpvsadmWitness {
    static final Duration TIMEOUT = Duration.ofMinutes(20);

    private IpvsadmWitness() {}

    /** {@code ipvsadm -Sn} in {@code ns}: its time, failing unless it listed {@code expected} rules. */
    static Command.Output save(ScaleNamespace ns, int expected) throws IOException, InterruptedException {
        return requireRules(ns.exec(TIMEOUT, "ipvsadm", "-Sn").orThrow(), expected);
    }

    /** {@code out}, a finished {@code -Sn} listing (ipvsadm's or jlvsadm's), failing unless it holds {@code expected} rules. */
    static Command.Output requireRules(Command.Output out, int expected) throws IOException {
        long rules;
        try (var lines = Files.lines(out.stdout())) {
            rules = lines.filter(l -> l.startsWith("-A ") || l.startsWith("-a ")).count();
        }
        if (rules != expected) {
            throw new IllegalStateException(String.join(" ", out.command()) + " listed " + rules + " rules, expected " + expected);
        }
        return out;
    }

    /** The weight ipvsadm shows for real server {@code server} ("172.16.0.1:8080") of service {@code vip}, or -1. */
    static int weight(ScaleNamespace ns, String vip, String server) throws IOException, InterruptedException {
        Command.Output out = ns.exec(TIMEOUT, "ipvsadm", "-Ln", "-t", vip).orThrow();
        for (String line : out.stdoutText().lines().toList()) {
            // "  -> 172.16.0.1:8080              Masq    7      0          0"
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].equals("->") && f[1].equals(server)) {
                return Integer.parseInt(f[3]);
            }
        }
        return -1;
    }

    /** Fails unless ipvsadm shows weight {@code expected} for {@code server} ("172.16.0.1:8080") in {@code vip}. */
    static void requireWeight(ScaleNamespace ns, String vip, String server, int expected) throws IOException, InterruptedException {
        int shown = weight(ns, vip, server);
        if (shown != expected) {
            throw new IllegalStateException("ipvsadm shows weight " + shown + " for " + server + " in " + vip
                    + ", expected " + expected);
        }
    }
}
