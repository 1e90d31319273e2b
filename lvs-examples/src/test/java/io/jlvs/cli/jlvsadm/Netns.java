package io.jlvs.cli.jlvsadm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh network namespace for one kernel test ({@code ip netns add}, with {@code lo} up, which IPv4
 * real servers need), deleted on close; and ways to run ipvsadm and jlvsadm against its IPVS table.
 * Needs root and a kernel with IPVS (the kernel-tests profile, run by scripts/vm/run where the host has none).
 */
final class Netns implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String name;

    private Netns(String name) {
        this.name = name;
    }

    /** What a program printed and returned. */
    record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    static Netns create() {
        Netns ns = createWithLoopbackDown();
        ns.ok("ip", "link", "set", "lo", "up");
        return ns;
    }

    /** A namespace as `ip netns add` leaves it: lo down, no routing table yet. */
    static Netns createWithLoopbackDown() {
        String name = "jlvsadm-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        check("ip netns add " + name, run("", "ip", "netns", "add", name));
        return new Netns(name);
    }

    String name() {
        return name;
    }

    /** Runs a command inside the namespace. */
    Result exec(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(Arrays.asList(command));
        return run("", full.toArray(String[]::new));
    }

    /** Runs a command inside the namespace and fails the test if it fails; returns its output. */
    String ok(String... command) {
        return check(String.join(" ", command), exec(command)).out();
    }

    /** The real ipvsadm, on this namespace's table. */
    Result ipvsadm(String... args) {
        List<String> full = new ArrayList<>(List.of("ipvsadm"));
        full.addAll(Arrays.asList(args));
        return exec(full.toArray(String[]::new));
    }

    /** ipvsadm with a line of its arguments ("-A -t 10.0.0.1:80"), which must succeed. */
    String ipvsadmOk(String line) {
        return check("ipvsadm " + line, ipvsadm(line.split(" "))).out();
    }

    /** jlvsadm in-process with --netns this namespace, reading {@code stdin}. */
    JlvsadmRun jlvsadmReading(String stdin, String... args) {
        List<String> full = new ArrayList<>(Arrays.asList(args));
        full.add("--netns");
        full.add(name);
        return JlvsadmRun.run(stdin, full.toArray(String[]::new));
    }

    /** jlvsadm in-process with --netns this namespace. */
    JlvsadmRun jlvsadm(String... args) {
        return jlvsadmReading("", args);
    }

    @Override
    public void close() {
        run("", "ip", "netns", "del", name);
    }

    private static Result check(String command, Result r) {
        assertEquals(0, r.status(), () -> "'" + command + "' failed: " + r);
        return r;
    }

    static Result run(String stdin, String... command) {
        try {
            Process p = new ProcessBuilder(command).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
