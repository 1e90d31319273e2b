package io.jlvs.console;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Drains started from the console. jlvsd's {@code drain} answers when the server's connections are
 * gone or its timeout ran out, up to {@link ChangeRoutes#DRAIN_SECONDS}; the console does not hold the
 * operator's HTTP request that long: the drain runs here on a small pool, the request returns at once,
 * and the status page shows each drain's progress and outcome until a while after it ended. At most
 * one drain per real server at a time; a bounded number run and wait at once.
 */
final class Drains implements AutoCloseable {
    static final int THREADS = 4;
    static final int QUEUED = 64;
    /** How long a finished drain stays on the page. */
    static final Duration KEPT = Duration.ofMinutes(10);

    /** One drain: who started it, when, and its outcome once it has one (then {@code finished} is set). */
    record Drain(String service, String server, String user, Instant started, Optional<Instant> finished, String outcome,
            boolean failed) {
        /** What the page says of it at {@code now}. */
        String text(Instant now) {
            String who = "drain " + service + " " + server + " by " + user + ": ";
            if (finished.isEmpty()) {
                return who + "running for " + Duration.between(started, now).toSeconds() + " s (jlvsd waits up to "
                        + ChangeRoutes.DRAIN_SECONDS + " s for its connections to end)";
            }
            return who + (failed ? "refused: " : "") + outcome + " after " + Duration.between(started, finished.get()).toSeconds()
                    + " s, " + Format.ago(Duration.between(finished.get(), now).toMillis());
        }
    }

    private final Clock clock;
    private final Cache<String, Drain> drains = CacheBuilder.newBuilder().expireAfterWrite(KEPT).maximumSize(1000).build();
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 1, TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(QUEUED), Thread.ofPlatform().name("jlvs-console-drain-", 0).daemon(true).factory());

    Drains(Clock clock) {
        this.clock = clock;
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Starts {@code call} (jlvsd's drain; its answer, or an exception whose message is jlvsd's refusal) for
     * the server, and hands the outcome to {@code done} when it ends. Empty when started, else why not.
     */
    synchronized Optional<String> start(String service, String server, String user, Callable<String> call, Consumer<Drain> done) {
        String key = service + "\u0000" + server;
        Drain running = drains.getIfPresent(key);
        if (running != null && running.finished().isEmpty()) {
            return Optional.of(service + " " + server + " is already being drained (by " + running.user() + ")");
        }
        Drain started = new Drain(service, server, user, clock.instant(), Optional.empty(), "", false);
        drains.put(key, started);   // before it runs: a quick drain's outcome must not be overwritten by its start
        try {
            pool.execute(() -> {
                String outcome;
                boolean failed;
                try {
                    outcome = call.call();
                    failed = false;
                } catch (Exception e) {
                    outcome = e.getMessage() == null ? e.toString() : e.getMessage();
                    failed = true;
                }
                Drain end = new Drain(service, server, user, started.started(), Optional.of(clock.instant()), outcome, failed);
                drains.put(key, end);
                done.accept(end);
            });
        } catch (RejectedExecutionException e) {
            if (running == null) {
                drains.invalidate(key);
            } else {
                drains.put(key, running);
            }
            return Optional.of("too many drains are running or waiting (" + (THREADS + QUEUED) + "): try again when some have ended");
        }
        return Optional.empty();
    }

    /** Every drain running or ended within {@link #KEPT}, the newest first. */
    List<Drain> list() {
        List<Drain> out = new ArrayList<>(drains.asMap().values());
        out.sort(Comparator.comparing(Drain::started).reversed());
        return out;
    }

    /** What the page says of each drain now. */
    List<String> texts() {
        Instant now = clock.instant();
        return list().stream().map(d -> d.text(now)).toList();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
