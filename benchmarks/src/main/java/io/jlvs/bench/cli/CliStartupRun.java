package io.jlvs.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jlvs.bench.scale.Command;
import io.jlvs.bench.scale.Goal;
import io.jlvs.bench.scale.Result;
import io.jlvs.bench.scale.RunContext;
import io.jlvs.bench.scale.ScaleNamespace;
import io.jlvs.bench.scale.ScaleRun;

/**
 * A one-shot command as an operator's script runs it, process start to exit: {@code bin/jlvsadm} with
 * its ahead-of-time cache, the same without it ({@code JLVS_AOT=off}, the start-up before issue 18's
 * cache), and {@code ipvsadm}, for {@code -h}, {@code --version} and {@code -Ln}. Rounds alternate the
 * order of the three; min, median and max of each are reported.
 *
 * <p>Where the kernel has IPVS (the guest), {@code -Ln} lists a namespace with a few services, entered
 * with {@code ip netns exec} on every side. Where it has none (a host without ip_vs), jlvsadm's
 * {@code -Ln} fails fast, having opened a generic netlink socket and asked for the IPVS family, and
 * ipvsadm fails every command at its start (it asks the kernel before it reads its options): the
 * result names say so, and such an ipvsadm figure is only a process start, not a peer. Needs {@code bin/jlvsadm}
 * of the checkout it runs in ({@link #launcher}) and its ahead-of-time cache ({@code scripts/aot-train}).
 */
public final class CliStartupRun implements ScaleRun {
    static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** Issue 18: a one-shot jlvsadm on the host within this many seconds. */
    static final double HOST_GOAL_SECONDS = 0.15;
    /** Issue 18: in the guest, at least this many times shorter than before the cache. */
    static final double GUEST_SPEEDUP = 5;

    @Override
    public String name() {
        return "cli-startup";
    }

    @Override
    public String description() {
        return "one-shot jlvsadm -h / --version / -Ln (with and without its AOT cache) vs ipvsadm, whole processes";
    }

    @Override
    public List<Result> run(RunContext ctx) throws Exception {
        Path jlvsadm = launcher("jlvsadm");
        boolean guest = "1".equals(System.getenv("JLVS_IN_VM"));
        boolean ipvs = ctx.command().run(TIMEOUT, List.of("ipvsadm", "-Ln")).exitStatus() == 0;
        List<String> prefix = List.of();
        if (ipvs) {
            ScaleNamespace ns = ctx.newNamespace();
            for (int s = 1; s <= 3; s++) {
                String vip = "10.80.0." + s + ":80";
                ns.exec(TIMEOUT, "ipvsadm", "-A", "-t", vip, "-s", "wlc").orThrow();
                for (int r = 1; r <= 3; r++) {
                    ns.exec(TIMEOUT, "ipvsadm", "-a", "-t", vip, "-r", "10.81." + s + "." + r + ":8080", "-m", "-w", "1").orThrow();
                }
            }
            prefix = ns.inside();
        }
        String listing = ipvs ? "-Ln (3 services x 3 servers)" : "-Ln (no IPVS here: fails fast)";
        int rounds = ctx.size(guest ? 5 : 15, 1);
        ctx.log("%d rounds; bin/jlvsadm = %s; %s", rounds, jlvsadm, ipvs ? "IPVS in a namespace of its own" : "no IPVS on this kernel");

        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("-h", List.of("-h"));
        commands.put("--version", List.of("--version"));
        commands.put(listing, List.of("-Ln"));
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, List<String>> c : commands.entrySet()) {
            boolean lists = c.getValue().equals(List.of("-Ln"));
            List<String> in = lists ? prefix : List.of();
            // env on every jlvsadm side alike, so that the no-cache side pays no process more than the other.
            List<List<String>> sides = List.of(
                    concat(in, List.of("env", "JLVS_AOT=on", jlvsadm.toString()), c.getValue()),
                    concat(in, List.of("env", "JLVS_AOT=off", jlvsadm.toString()), c.getValue()),
                    concat(in, List.of("ipvsadm"), c.getValue()));
            double[][] t = new double[3][rounds];
            for (int i = 0; i < rounds; i++) {
                for (int k = 0; k < 3; k++) {
                    int side = (i + k) % 3;   // each side first in every third round
                    // Without IPVS, ipvsadm fails every command at its start (it asks the kernel first), and
                    // jlvsadm's listing fails: those are timed as they are.
                    boolean mustSucceed = ipvs || (side < 2 && !lists);
                    t[side][i] = seconds(ctx.command(), sides.get(side), mustSucceed);
                }
                ctx.log("%s round %d: jlvsadm %.3f s, without cache %.3f s, ipvsadm %.3f s",
                        c.getKey(), i + 1, t[0][i], t[1][i], t[2][i]);
            }
            String peer = ipvs ? "ipvsadm" : "ipvsadm (no IPVS: fails at start)";
            results.addAll(results(c.getKey(), peer, t, guest, lists || c.getKey().equals("-h")));
        }
        return results;
    }

    private List<Result> results(String what, String peer, double[][] t, boolean guest, boolean hasGoal) {
        String n = " (median of " + t[0].length + ")";
        Result vsIpvsadm = Result.of(name(), "jlvsadm " + what + n, median(t[0]), "s").against(peer, median(t[2]));
        if (hasGoal && !guest) {
            vsIpvsadm = vsIpvsadm.goal(Goal.valueAtMost(HOST_GOAL_SECONDS, "a one-shot jlvsadm within 0.15 s on the host"));
        }
        Result vsNoCache = Result.of(name(), "jlvsadm " + what + " AOT vs none" + n, median(t[0]), "s")
                .against("jlvsadm, no AOT cache", median(t[1]));
        if (hasGoal && guest) {
            vsNoCache = vsNoCache.goal(Goal.ratioAtMost(1 / GUEST_SPEEDUP, "at least 5x shorter than without the cache"));
        }
        String none = "jlvsadm, no AOT cache";
        return List.of(vsIpvsadm, vsNoCache,
                Result.of(name(), "jlvsadm " + what + " min", min(t[0]), "s").against(none + " min", min(t[1])),
                Result.of(name(), "jlvsadm " + what + " max", max(t[0]), "s").against(none + " max", max(t[1])),
                Result.of(name(), peer + " " + what + " min", min(t[2]), "s"),
                Result.of(name(), peer + " " + what + " max", max(t[2]), "s"));
    }

    /**
     * bin/{@code program} (jlvsadm, jlvsd, ...) of the checkout this runs in: in the working directory or
     * the nearest parent that has one (scripts/bench runs from the top, Failsafe from benchmarks/).
     */
    public static Path launcher(String program) {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("bin").resolve(program);
            if (Files.isExecutable(candidate) && Files.exists(dir.resolve("scripts/lib/launch.sh"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no bin/" + program + " in " + cwd + " or above: run in a jLVS checkout (scripts/bench does)");
    }

    /** Wall seconds of one run of {@code argv}; it must succeed, except a listing where there is no IPVS. */
    private static double seconds(Command command, List<String> argv, boolean mustSucceed) throws IOException, InterruptedException {
        Command.Output out = command.run(TIMEOUT, argv);
        if (mustSucceed) {
            out.orThrow();
        }
        if (!out.stderrText().isEmpty() && out.exitStatus() == 0) {
            // A JVM warning (a stale cache, native access) would reach the user: that is a failure here.
            throw new IllegalStateException(String.join(" ", argv) + " printed on stderr: " + out.stderrText().strip());
        }
        return out.elapsed().toNanos() / 1e9;
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }
}
