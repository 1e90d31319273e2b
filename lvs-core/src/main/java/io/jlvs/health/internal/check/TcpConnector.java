package io.jlvs.health.internal.check;

import io.jlvs.health.ConnectOptions;
import io.jlvs.health.HealthClock;
import io.jlvs.health.ProbeResult;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * TCP connect probes for many servers at once, on a few threads with a selector each: each probe is
 * a non-blocking connect, completed when the selector says so or failed at its connect timeout. No
 * thread, stack or poller hand-off per probe, which is what a TCP check at 10,000 servers a second
 * costs otherwise. The results are those of {@link io.jlvs.health.TcpConnectCheck#probe} (same
 * reasons: "connected", "connection refused", "connect timed out after 2s", "cannot bind source
 * address ..."); the socket is closed with a reset (SO_LINGER 0), leaving no TIME_WAIT.
 *
 * <p>Targets are spread over the threads by address, so that probing keeps up when one thread is
 * short of CPU. {@link #connect} may be called from any thread; the outcome is told on a connector
 * thread and must be quick and must not throw. Closing drops the probes under way without an outcome.
 */
public final class TcpConnector implements AutoCloseable {

    /** Told once per probe, on a connector thread. */
    @FunctionalInterface
    public interface Outcome {
        void finished(Instant started, ProbeResult result);
    }

    /**
     * Connects started per turn of a loop before completions are looked at again: a burst of due
     * probes (after a stall) then never holds thousands of finished sockets open waiting their turn.
     */
    private static final int STARTS_PER_TURN = 64;
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private record Request(InetSocketAddress target, ConnectOptions options, Outcome outcome) {
    }

    /** A connect under way. {@code done} once told, so that its deadline entry is skipped. */
    private static final class Attempt {
        final Request request;
        final Instant started;
        final Probes.Stopwatch stopwatch = new Probes.Stopwatch();
        final long deadlineNanos;
        SocketChannel channel;
        boolean done;

        Attempt(Request request, Instant started) {
            this.request = request;
            this.started = started;
            this.deadlineNanos = System.nanoTime() + request.options().connectTimeout().toNanos();
        }
    }

    private final HealthClock clock;
    private final Consumer<Throwable> onFailure;
    private final Loop[] loops;
    private volatile boolean closed;

    /**
     * @param threads   how many connector threads (each with its own selector)
     * @param onFailure told if a connector thread stops on an unexpected failure; its probes under
     *                  way, and any asked of it later, are told "down" with the cause
     */
    public TcpConnector(HealthClock clock, String threadName, int threads, Consumer<Throwable> onFailure)
            throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("TCP connector threads must be at least 1, got " + threads);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        this.loops = new Loop[threads];
        try {
            for (int i = 0; i < threads; i++) {
                loops[i] = new Loop(threads == 1 ? threadName : threadName + "-" + i);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Queues a connect to {@code target}; call {@link #flush()} after a batch so that it starts now. */
    public void connect(InetSocketAddress target, ConnectOptions options, Outcome outcome) {
        Request r = new Request(Objects.requireNonNull(target, "target"), Objects.requireNonNull(options, "options"),
                Objects.requireNonNull(outcome, "outcome"));
        loops[Math.floorMod(target.hashCode(), loops.length)].add(r);
    }

    /** Wakes the connector threads to start the connects queued since the last flush (one wake-up per batch). */
    public void flush() {
        for (Loop l : loops) {
            l.flush();
        }
    }

    /** Stops the threads and closes every socket; probes under way are told nothing. */
    @Override
    public void close() {
        closed = true;
        for (Loop l : loops) {
            if (l != null) {
                l.stop();
            }
        }
    }

    /** One thread and its selector, with the connects it was given. */
    private final class Loop {
        private final Selector selector;
        private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
        /**
         * The attempts under way, one queue per connect timeout: attempts start in order, so each
         * queue is in deadline order and the earliest deadline is at one of the heads (there are as
         * many queues as distinct timeouts, usually one). Finished attempts stay until they reach
         * the head: dropping them is then O(1).
         */
        private final Map<Long, ArrayDeque<Attempt>> deadlines = new HashMap<>();
        private final Thread thread;
        /** Why the thread stopped on its own, or null: then every connect is told "down" at once. */
        private volatile Throwable failure;

        Loop(String name) throws IOException {
            selector = Selector.open();
            thread = Thread.ofPlatform().daemon().name(name).start(this::run);
        }

        void add(Request r) {
            requests.add(r);
            if (failure != null) {
                refuseRequests(); // queued after the thread drained the queue for the last time
            }
        }

        void flush() {
            if (!requests.isEmpty()) {
                selector.wakeup();
            }
        }

        void stop() {
            selector.wakeup();
            if (Thread.currentThread() != thread) {
                try {
                    // bounded: only an outcome that does not return (against the contract) holds it
                    thread.join(STOP_WAIT);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void run() {
            try {
                while (!closed) {
                    long timeoutMillis = 0; // 0: no deadline, wait for a wake-up
                    Attempt first = earliestPending();
                    if (first != null) {
                        timeoutMillis = Math.max(1, (first.deadlineNanos - System.nanoTime() + 999_999) / 1_000_000);
                    }
                    if (requests.isEmpty()) {
                        selector.select(timeoutMillis);
                    } else {
                        selector.selectNow();
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        complete((Attempt) key.attachment());
                    }
                    selector.selectedKeys().clear();
                    expire();
                    start();
                }
            } catch (IOException | RuntimeException | Error e) {
                if (closed) {
                    return;
                }
                failure = e;
                for (ArrayDeque<Attempt> queue : deadlines.values()) {
                    for (Attempt a : queue) {
                        tell(a, a.stopwatch.down(stoppedReason()));
                    }
                }
                refuseRequests();
                onFailure.accept(e);
            } finally {
                for (ArrayDeque<Attempt> queue : deadlines.values()) {
                    queue.forEach(TcpConnector::closeQuietly);
                }
                deadlines.clear();
                try {
                    selector.close();
                } catch (IOException ignored) {
                    // nothing left to do with it
                }
            }
        }

        private void refuseRequests() {
            Request r;
            while ((r = requests.poll()) != null) {
                if (!closed) {
                    r.outcome().finished(clock.now(), ProbeResult.down(stoppedReason(), Duration.ZERO));
                }
            }
        }

        private String stoppedReason() {
            return "health TCP connector stopped: " + Probes.reason(failure);
        }

        /** The unfinished attempt with the earliest deadline, or null; drops finished ones at the heads. */
        private Attempt earliestPending() {
            Attempt earliest = null;
            for (ArrayDeque<Attempt> queue : deadlines.values()) {
                while (!queue.isEmpty() && queue.peekFirst().done) {
                    queue.pollFirst();
                }
                Attempt head = queue.peekFirst();
                if (head != null && (earliest == null || head.deadlineNanos - earliest.deadlineNanos < 0)) {
                    earliest = head;
                }
            }
            return earliest;
        }

        private void start() {
            Request r;
            for (int n = 0; n < STARTS_PER_TURN && !closed && (r = requests.poll()) != null; n++) {
                Attempt a = new Attempt(r, clock.now());
                try {
                    // A socket of the target's family: no IPv4-mapped IPv6 socket, no IPV6_V6ONLY to set
                    SocketChannel ch = SocketChannel.open(r.target().getAddress() instanceof Inet6Address
                            ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
                    a.channel = ch;
                    ch.configureBlocking(false);
                    ch.setOption(StandardSocketOptions.SO_LINGER, 0);
                    Sockets.bindSource(r.options().source(), ch::bind);
                    if (ch.connect(r.target())) {
                        tell(a, a.stopwatch.up("connected"));
                        continue;
                    }
                    ch.register(selector, SelectionKey.OP_CONNECT, a);
                    deadlines.computeIfAbsent(r.options().connectTimeout().toNanos(), t -> new ArrayDeque<>()).addLast(a);
                } catch (ProbeFailedException e) {
                    tell(a, a.stopwatch.down(e.getMessage()));
                } catch (IOException | RuntimeException e) {
                    tell(a, a.stopwatch.down(Probes.reason(e)));
                }
            }
        }

        private void complete(Attempt a) {
            if (a.done) {
                return;
            }
            try {
                if (a.channel.finishConnect()) {
                    tell(a, a.stopwatch.up("connected"));
                }
            } catch (IOException | RuntimeException e) {
                tell(a, a.stopwatch.down(Probes.reason(e)));
            }
        }

        private void expire() {
            long now = System.nanoTime();
            Attempt a;
            while ((a = earliestPending()) != null && a.deadlineNanos - now <= 0) {
                tell(a, a.stopwatch.down(Sockets.connectTimedOut(a.request.options()))); // done: dropped next time
            }
        }
    }

    /** Closes the attempt's socket (a reset: SO_LINGER 0) and tells its outcome, once. */
    private void tell(Attempt a, ProbeResult result) {
        if (a.done) {
            return;
        }
        a.done = true;
        closeQuietly(a);
        if (closed) {
            return;
        }
        a.request.outcome().finished(a.started, result);
    }

    private static void closeQuietly(Attempt a) {
        if (a.channel != null) {
            try {
                a.channel.close(); // cancels its key; the selector deregisters it at the next select
            } catch (IOException ignored) {
                // the probe's outcome is already known
            }
        }
    }
}
