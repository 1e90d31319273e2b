package io.jlvs.netlink;

import static io.jlvs.sys.LinuxConstants.CLONE_NEWNET;
import static io.jlvs.sys.LinuxConstants.O_CLOEXEC;
import static io.jlvs.sys.LinuxConstants.O_RDONLY;

import io.jlvs.sys.Syscalls;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A network namespace to open sockets in: the caller's own ({@link #current()}) or one named by a path
 * such as {@code /run/netns/NAME} (what {@code ip netns add NAME} creates).
 *
 * <p>A socket belongs to the namespace that was current when it was created and stays there. setns(2)
 * moves only the calling OS thread, so {@link #call} creates the socket on a fresh platform thread
 * that enters the namespace, runs the supplier and then ends: no thread that other code uses ever
 * changes namespace (virtual threads could hop carriers; pooled threads would be reused).
 */
public final class NetworkNamespace {
    private static final NetworkNamespace CURRENT = new NetworkNamespace(null);

    private final Path path;

    private NetworkNamespace(Path path) {
        this.path = path;
    }

    public static NetworkNamespace current() {
        return CURRENT;
    }

    /** The namespace {@code ip netns add name} made: {@code /run/netns/name}. */
    public static NetworkNamespace named(String name) {
        if (name == null || name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("bad network namespace name: '" + name + "'");
        }
        return new NetworkNamespace(Path.of("/run/netns", name));
    }

    /** A namespace given by a path to its nsfs file, e.g. {@code /proc/1234/ns/net}. */
    public static NetworkNamespace atPath(Path path) {
        return new NetworkNamespace(Objects.requireNonNull(path, "path"));
    }

    /** The nsfs file naming this namespace: its path, or {@code /proc/self/ns/net} for the current one. */
    public Path nsfsPath() {
        return path == null ? Path.of("/proc/self/ns/net") : path;
    }

    public boolean isCurrent() {
        return path == null;
    }

    /**
     * The nsfs file that stands for this namespace ({@code /proc/self/ns/net} for the current one).
     * Its inode identifies the namespace: two names for one namespace share it.
     */
    public Path file() {
        return path == null ? Path.of("/proc/self/ns/net") : path;
    }

    /**
     * Moves the calling thread into this namespace for good (setns(2)); every thread it creates from now
     * on starts there too, and so does every process it starts. This is how a program lives in a
     * namespace as a whole ({@code ip netns exec} does the same to a process before exec): call it first
     * thing on the main thread, before any other thread of the program exists, and hand work that comes
     * from threads made earlier (a signal handler's) to a thread made after. Needs CAP_SYS_ADMIN.
     *
     * @throws NamespaceUnavailableException when the namespace cannot be entered
     */
    public void enterForThisThread(Syscalls sys) {
        if (path == null) {
            return;
        }
        int fd = sys.open(path.toString(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            throw new NamespaceUnavailableException(path, "open", -fd);
        }
        try {
            int rc = sys.setns(fd, CLONE_NEWNET);
            if (rc < 0) {
                throw new NamespaceUnavailableException(path, "setns", -rc);
            }
        } finally {
            sys.close(fd);
        }
    }

    /**
     * Runs {@code action} with the calling thread's network namespace being this one.
     *
     * @throws NamespaceUnavailableException when the namespace cannot be entered
     */
    public <T> T call(Syscalls sys, Supplier<T> action) {
        if (path == null) {
            return action.get();
        }
        AtomicReference<T> result = new AtomicReference<>();
        // Errors too (a LinkageError loading native code, say): uncaught, they would end the thread
        // silently and the caller would get null.
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // Set when the caller stopped waiting (interrupted): whatever the action still makes (a
        // socket, whose fd nobody would ever close) is closed by the thread, not returned.
        Object handOver = new Object();
        boolean[] abandoned = {false};
        Thread thread = Thread.ofPlatform().name("jlvs-setns-" + path.getFileName()).daemon(true).unstarted(() -> {
            try {
                enterForThisThread(sys);
                // This thread ends right after; it never returns to the original namespace, so no
                // other code can run in the wrong one.
                T made = action.get();
                synchronized (handOver) {
                    if (abandoned[0]) {
                        closeQuietly(made);
                    } else {
                        result.set(made);
                    }
                }
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        });
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            synchronized (handOver) {
                abandoned[0] = true;
                closeQuietly(result.getAndSet(null)); // made just before the interrupt
            }
            Thread.currentThread().interrupt();
            throw new NetlinkException("interrupted while entering network namespace " + path, 0, null);
        }
        if (failure.get() instanceof RuntimeException e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
        return result.get();
    }

    private static void closeQuietly(Object made) {
        if (made instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // nobody is left to tell
            }
        }
    }

    @Override
    public String toString() {
        return path == null ? "current network namespace" : "network namespace " + path;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkNamespace other && Objects.equals(path, other.path);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(path);
    }
}
