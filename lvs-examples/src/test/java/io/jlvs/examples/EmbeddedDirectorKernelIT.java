package io.jlvs.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.cli.testing.Commands;
import io.jlvs.director.Director;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EmbeddedDirector#run} against the kernel, in a network namespace the test makes (a dummy eth0
 * with 10.0.0.1, as jlvsd's LifecycleKernelIT): the director programs the table and takes the VIP,
 * the admin commands change the kernel, and on the way out, by a stop or by a failure, the VIP is
 * released and the IPVS table left in place. {@code ipvsadm -Sn} and {@code ip addr} in that
 * namespace are the witnesses. A single director (no backup), and file health checks that say up,
 * so that nothing but the test changes the table.
 */
class EmbeddedDirectorKernelIT {
    private static final long WAIT_SECONDS = 150; // a JVM is slow in the emulated guest

    @TempDir
    Path dir;
    private String ns;
    private final ExecutorService app = Executors.newSingleThreadExecutor();
    private final CompletableFuture<Void> stop = new CompletableFuture<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    /**
     * A standalone director's lvs.cf: VIP 10.0.0.100 on eth0:1, real servers rs1 (weight 1) and rs2
     * ({@code weight2}) routed directly; their checks read {@code DIR/ADDRESS.state}, which hold 0 (up).
     */
    static String lvsCf(Path dir, int weight2) {
        return """
                serial_no = 1
                primary = 10.0.0.1
                network = direct
                virtual web {
                     active = 1
                     address = 10.0.0.100 eth0:1
                     port = 80
                     protocol = tcp
                     scheduler = wlc
                     check_type = file
                     check_file = %s/%%h.state
                     server rs1 {
                         address = 10.0.0.2
                         port = 80
                         weight = 1
                     }
                     server rs2 {
                         address = 10.0.0.3
                         port = 80
                         weight = %d
                     }
                }
                """.formatted(dir, weight2);
    }

    @BeforeEach
    void namespace() throws IOException {
        ns = "jlvs-embed-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100_000;
        Commands.sh("ip", "netns", "add", ns);
        inNs("ip", "link", "set", "lo", "up");
        inNs("ip", "link", "add", "eth0", "type", "dummy");
        inNs("ip", "link", "set", "eth0", "up");
        inNs("ip", "addr", "add", "10.0.0.1/24", "dev", "eth0");
        Files.writeString(dir.resolve("10.0.0.2.state"), "0\n");
        Files.writeString(dir.resolve("10.0.0.3.state"), "0\n");
    }

    @AfterEach
    void cleanUp() throws Exception {
        stop.complete(null);   // a test that failed half-way still closes its director
        app.shutdown();
        app.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
        Commands.run("ip", "netns", "del", ns);
    }

    /** Runs the example as an application would, on its own thread; the director once it has started. */
    private Future<Integer> start(CompletableFuture<Director> started) throws IOException {
        Path cf = Files.writeString(dir.resolve("lvs.cf"), lvsCf(dir, 2));
        var settings = EmbeddedDirector.settings(cf.toString(), "--netns", ns);
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        return app.submit(() -> EmbeddedDirector.run(settings, started::complete, stop, out));
    }

    @Test
    void itProgramsTheTableTakesCommandsAndOnStopReleasesTheVipButLeavesTheTable() throws Exception {
        CompletableFuture<Director> started = new CompletableFuture<>();
        Future<Integer> exit = start(started);
        Director director = started.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals(Set.of("-A -t 10.0.0.100:80 -s wlc",
                "-a -t 10.0.0.100:80 -r 10.0.0.2:80 -g -w 1",
                "-a -t 10.0.0.100:80 -r 10.0.0.3:80 -g -w 2"), table());
        assertEquals(1, vipCount(), "the single director holds the VIP");
        assertTrue(printed().contains("director started: role ACTIVE, 1/1 services programmed"), printed());
        assertEquals("role ACTIVE", EmbeddedDirector.command(director, "status").lines().findFirst().orElseThrow());

        assertEquals("weight of rs1 in web is 5", EmbeddedDirector.command(director, "weight web rs1 5"));
        Files.writeString(dir.resolve("lvs.cf"), lvsCf(dir, 4));
        assertEquals("reloaded: 1 kernel operations", EmbeddedDirector.command(director, "reload"));
        assertEquals(Set.of("-A -t 10.0.0.100:80 -s wlc",
                "-a -t 10.0.0.100:80 -r 10.0.0.2:80 -g -w 5",
                "-a -t 10.0.0.100:80 -r 10.0.0.3:80 -g -w 4"), table(), "the override and the reload, edited in place");
        String drained = EmbeddedDirector.command(director, "drain web rs2 5");
        assertTrue(drained.startsWith("drain: DrainResult[drained=true"), drained);
        assertTrue(EmbeddedDirector.command(director, "weight web rs9 1").startsWith("refused: "));

        stop.complete(null);
        assertEquals(0, exit.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(0, vipCount(), "close() released the VIP");
        assertEquals(Set.of("-A -t 10.0.0.100:80 -s wlc", "-a -t 10.0.0.100:80 -r 10.0.0.2:80 -g -w 5"), table(),
                "close() left the table, so that a restart cuts no connection");
    }

    @Test
    void aFailedPartEndsTheRunWithOneOnceTheDirectorHasReleasedTheVip() throws Exception {
        CompletableFuture<Director> started = new CompletableFuture<>();
        Future<Integer> exit = start(started);
        Director director = started.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(1, vipCount());

        director.failed("application", new IllegalStateException("a part of the application died"));

        assertEquals(1, exit.get(WAIT_SECONDS, TimeUnit.SECONDS), printed());
        assertTrue(printed().contains("director failed (java.lang.IllegalStateException: a part of the application died)"),
                printed());
        assertEquals(0, vipCount(), "released before failure() completed");
        assertEquals(3, table().size(), "the table stays for the next director: " + table());
    }

    // ---- helpers ----

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private Set<String> table() {
        return Set.copyOf(inNs("ipvsadm", "-Sn").lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }

    private long vipCount() {
        return Commands.count(ns, "10.0.0.100");
    }

    private String inNs(String... command) {
        return Commands.inNs(ns, command);
    }
}
