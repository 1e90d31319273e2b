package io.jlvs.director.internal;

import io.jlvs.config.RoleScripts;
import io.jlvs.failover.NotifyHook;
import io.jlvs.failover.Role;
import io.jlvs.failover.RoleChange;
import io.jlvs.failover.RoleListener;
import io.jlvs.health.internal.check.Argv;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The programs lvs.cf runs on role changes ({@code active_cmd}, {@code inactive_cmd},
 * {@code notify_master}, {@code notify_backup}, {@code notify_fault}, {@code notify_stop},
 * {@code notify}), each a {@link NotifyHook}: argv without a shell, the new role, the previous role and
 * the reason appended, a timeout, output logged. They run one after another on a thread of their own,
 * in the order of the changes, so a slow program never delays moving the addresses; a burst of more
 * changes than the queue holds drops the newest programs with an error in the log.
 *
 * <p>Which programs a change runs: entering ACTIVE runs {@code active_cmd} then {@code notify_master};
 * leaving it runs {@code inactive_cmd} first; entering BACKUP, FAULT or STOPPED runs
 * {@code notify_backup}, {@code notify_fault} or {@code notify_stop}; every change ends with {@code notify}.
 */
final class RoleHooks implements RoleListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoleHooks.class);
    private static final int QUEUE = 64;

    private final ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), Thread.ofPlatform().name("jlvs-role-hooks").daemon(true).factory());
    private final List<String> prefix;
    private final Consumer<RunningHook> runner;
    private volatile RoleScripts scripts;

    /** One program to run for one change. */
    record RunningHook(String key, NotifyHook hook, RoleChange change) {}

    RoleHooks(RoleScripts scripts, List<String> prefix) {
        this(scripts, prefix, h -> h.hook().onRoleChange(h.change()));
    }

    RoleHooks(RoleScripts scripts, List<String> prefix, Consumer<RunningHook> runner) {
        this.scripts = scripts;
        this.prefix = List.copyOf(prefix);
        this.runner = runner;
    }

    /** Programs of a reloaded file: the changes from now on run these. */
    void reconfigure(RoleScripts next) {
        this.scripts = next;
    }

    @Override
    public void onRoleChange(RoleChange change) {
        for (RunningHook h : hooks(scripts, change)) {
            try {
                thread.execute(() -> {
                    log.info(Kv.line("event", "hook", "key", h.key(), "role", change.current(),
                            "previous", change.previous()));
                    runner.accept(h);
                });
            } catch (RejectedExecutionException e) {
                log.error(Kv.line("event", "hook", "key", h.key(), "result", "dropped", "reason",
                        thread.isShutdown() ? "director stopping" : QUEUE + " programs already waiting"));
            }
        }
    }

    /** The programs {@code change} runs, in order. */
    List<RunningHook> hooks(RoleScripts s, RoleChange change) {
        List<RunningHook> out = new ArrayList<>();
        Duration timeout = s.notifyTimeout();
        Role now = change.current();
        if (change.leftActive()) {
            s.inactiveCmd().ifPresent(c -> out.add(hook("inactive_cmd", c, timeout, change)));
        }
        if (change.becameActive()) {
            s.activeCmd().ifPresent(c -> out.add(hook("active_cmd", c, timeout, change)));
            s.notifyMaster().ifPresent(c -> out.add(hook("notify_master", c, timeout, change)));
        }
        if (now == Role.BACKUP) {
            s.notifyBackup().ifPresent(c -> out.add(hook("notify_backup", c, timeout, change)));
        } else if (now == Role.FAULT) {
            s.notifyFault().ifPresent(c -> out.add(hook("notify_fault", c, timeout, change)));
        } else if (now == Role.STOPPED) {
            s.notifyStop().ifPresent(c -> out.add(hook("notify_stop", c, timeout, change)));
        }
        s.notifyAny().ifPresent(c -> out.add(hook("notify", c, timeout, change)));
        return out;
    }

    private RunningHook hook(String key, String command, Duration timeout, RoleChange change) {
        return new RunningHook(key, new NotifyHook(Argv.split(command), timeout, prefix), change);
    }

    /** Runs what is queued (the stop hooks too), bounded by each program's timeout, then ends the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            long bound = scripts.notifyTimeout().toMillis() * (thread.getQueue().size() + 1) + 5_000;
            if (!thread.awaitTermination(bound, TimeUnit.MILLISECONDS)) {
                log.error(Kv.line("event", "hook", "result", "abandoned", "reason", "still running after " + bound + " ms"));
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
