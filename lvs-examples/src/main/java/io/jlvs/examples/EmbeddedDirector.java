package io.jlvs.examples;

import io.jlvs.director.ConfigurationRejectedException;
import io.jlvs.director.Director;
import io.jlvs.director.DirectorSettings;
import io.jlvs.director.DirectorStatus;
import io.jlvs.ipvs.IpvsException;
import io.jlvs.netlink.NetworkNamespace;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link Director} inside an application's own lifecycle instead of jlvsd: started from an lvs.cf,
 * closed with try-with-resources when the application stops (a shutdown hook asks it to), driven by
 * the application's own admin code (here a console on standard input: {@code status}, {@code reload},
 * {@code weight SERVICE SERVER N}, {@code drain SERVICE SERVER SECONDS}, {@code quit}).
 *
 * <p>When a part of the director dies (heartbeats, health checks), it releases its addresses, closes,
 * and completes {@link Director#failure()}: the application must not run on with a director that is
 * gone, so it exits with status 1 and its supervisor starts a whole new one, as jlvsd does.
 * {@link Director#close()} releases the virtual addresses and leaves the IPVS table, so that a
 * restart does not cut connections: the next start reconciles it.
 *
 * <p>Needs root and IPVS in the namespace it manages. Health probes run in the application's own
 * namespace (see {@link DirectorSettings.Builder#namespace}).
 *
 * <pre>
 * java ... io.jlvs.examples.EmbeddedDirector /etc/jlvs/lvs.cf              # this namespace
 * java ... io.jlvs.examples.EmbeddedDirector /etc/jlvs/lvs.cf --netns blue # the table of "ip netns" blue
 * </pre>
 */
public final class EmbeddedDirector {
    static final String USAGE = "usage: EmbeddedDirector LVS_CF [--netns NAME]";
    static final String COMMANDS = "commands: status | reload | weight SERVICE SERVER N | drain SERVICE SERVER SECONDS | quit";

    private EmbeddedDirector() {
    }

    /** The director's settings from the command line {@code LVS_CF [--netns NAME]}; defaults for the rest. */
    public static DirectorSettings settings(String... args) {
        if (args.length == 1 && !args[0].startsWith("-")) {
            return DirectorSettings.builder(Path.of(args[0])).build();
        }
        if (args.length == 3 && !args[0].startsWith("-") && args[1].equals("--netns")) {
            return DirectorSettings.builder(Path.of(args[0])).namespace(NetworkNamespace.named(args[2])).build();
        }
        throw new IllegalArgumentException(USAGE);
    }

    /**
     * Runs a director until {@code stop} completes (returns 0) or the director fails (returns 1), and
     * closes it either way. {@code started} gets the running director: where an application hooks in
     * its own admin endpoints.
     *
     * @throws ConfigurationRejectedException when the lvs.cf has errors (nothing was changed)
     * @throws IpvsException when IPVS cannot be used in that namespace
     */
    public static int run(DirectorSettings settings, Consumer<Director> started, CompletionStage<?> stop, PrintStream out)
            throws ConfigurationRejectedException {
        try (Director director = Director.start(settings)) {
            out.println("director started: " + director.statusLine());
            started.accept(director);
            return awaitEnd(director.failure(), stop, out);
        }
    }

    /** Waits for whichever comes first: a stop asked for (0) or the director's failure (1, said on {@code out}). */
    static int awaitEnd(CompletionStage<Throwable> failure, CompletionStage<?> stop, PrintStream out) {
        CompletableFuture<Optional<Throwable>> end = new CompletableFuture<>();
        failure.thenAccept(cause -> end.complete(Optional.of(cause)));
        stop.thenRun(() -> end.complete(Optional.empty()));
        Optional<Throwable> failed = end.join();
        failed.ifPresent(cause -> out.println("director failed (" + cause + "); it released its addresses and closed:"
                + " exiting for the supervisor to start a whole new one"));
        return failed.isPresent() ? 1 : 0;
    }

    /** One admin command against the running director; the answer, or why it was refused. */
    public static String command(Director director, String line) {
        String[] w = line.strip().split("\\s+");
        try {
            switch (w[0]) {
                case "status" -> {
                    if (w.length == 1) {
                        return String.join("\n", describe(director.status()));
                    }
                }
                case "reload" -> {
                    if (w.length == 1) {
                        return "reloaded: " + director.reload() + " kernel operations";
                    }
                }
                case "weight" -> {
                    if (w.length == 4) {
                        director.setWeight(w[1], w[2], Integer.parseInt(w[3]));
                        return "weight of " + w[2] + " in " + w[1] + " is " + w[3];
                    }
                }
                case "drain" -> {
                    if (w.length == 4) {
                        return "drain: " + director.drain(w[1], w[2], Duration.ofSeconds(Long.parseLong(w[3])));
                    }
                }
                default -> {
                }
            }
            return COMMANDS;
        } catch (ConfigurationRejectedException | IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** "role ACTIVE", "web TCP 10.0.0.100:80 wlc programmed", and per real server "  rs1 10.0.0.2:80 weight 1 UP". */
    static List<String> describe(DirectorStatus status) {
        List<String> lines = new ArrayList<>(List.of("role " + status.role()));
        for (DirectorStatus.Service s : status.services()) {
            lines.add(s.name() + " " + s.key() + " " + s.scheduler() + (s.programmed() ? " programmed" : " not programmed"));
            s.servers().forEach(r -> lines.add("  " + r.name() + " " + r.address() + " "
                    + (r.weight() < 0 ? "not in the kernel" : "weight " + r.weight()) + " " + r.health()));
        }
        return lines;
    }

    public static void main(String[] args) {
        DirectorSettings settings;
        try {
            settings = settings(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        CompletableFuture<Void> stop = new CompletableFuture<>();
        CountDownLatch closed = new CountDownLatch(1);
        // SIGTERM, Ctrl-C: ask main to stop, and hold the JVM's exit until the director has closed
        // (the addresses released), bounded, since hooks that never end keep a service manager waiting.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.complete(null);
            try {
                closed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-director"));
        int status;
        try {
            status = run(settings, director -> console(director, stop), stop, System.out);
        } catch (ConfigurationRejectedException e) {
            System.err.println(e.getMessage());
            status = 2;
        } catch (IpvsException e) {
            System.err.println("IPVS: " + e.getMessage());
            status = 1;
        } finally {
            closed.countDown();
        }
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Answers commands from standard input; "quit" stops. End of input ends the console only (say, under systemd). */
    private static void console(Director director, CompletableFuture<Void> stop) {
        Thread.ofPlatform().daemon(true).name("console").start(() -> {
            System.out.println(COMMANDS);
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null && !stop.isDone(); line = in.readLine()) {
                    if (line.strip().equals("quit")) {
                        stop.complete(null);
                    } else if (!line.isBlank()) {
                        System.out.println(command(director, line));
                    }
                }
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
