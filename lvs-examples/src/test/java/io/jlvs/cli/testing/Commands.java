package io.jlvs.cli.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Commands the kernel tests of the programs run, in the test's namespaces: bounded, output kept. */
public final class Commands {
    private Commands() {
    }

    public static String inNs(String ns, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return sh(full.toArray(String[]::new));
    }

    /** How many times {@code ip} is an IPv4 address in {@code ns}. */
    public static long count(String ns, String ip) {
        return inNs(ns, "ip", "-o", "-4", "addr", "show").lines().filter(l -> l.contains(" " + ip + "/")).count();
    }

    public static String sh(String... command) {
        String[] r = run(command);
        assertEquals("0", r[0], () -> String.join(" ", command) + ": " + r[1]);
        return r[1];
    }

    /** {exit status, stdout+stderr}, bounded by two minutes. */
    public static String[] run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            return new String[] {Integer.toString(p.exitValue()), new String(out, StandardCharsets.UTF_8)};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
