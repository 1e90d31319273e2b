package io.jlvs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.SaveError;

/**
 * What {@code ip netns add NAME} and {@code ip netns del NAME} do (iproute2 ip/ipnetns.c), done from this
 * JVM: a new network namespace kept alive by a bind mount of its nsfs file on /run/netns/NAME, and its
 * removal. It is the same named namespace to every tool ({@code ip netns exec}, setns on the path); it
 * only spares two process starts per test, which cost up to a second each in an emulated guest.
 *
 * <p>The namespace is made by unshare(2) on a fresh platform thread that ends right after, so no thread
 * that other code uses ever changes namespace.
 */
final class NamedNamespaces {
    private static final Path RUN_NETNS = Path.of("/run/netns");
    private static final int CLONE_NEWNET = 0x40000000;
    private static final long MS_BIND = 4096;
    private static final int MNT_DETACH = 2;

    /** glibc's unshare(2), mount(2), umount2(2). Public only because JNR implements it in its own loader. */
    public interface LibC {
        @SaveError
        int unshare(int flags);

        @SaveError
        int mount(@In String source, @In String target, @In String filesystemType, long flags, Pointer data);

        @SaveError
        int umount2(@In String target, int flags);
    }

    private static LibC libc;

    private NamedNamespaces() {}

    private static synchronized LibC libc() {
        if (libc == null) {
            libc = LibraryLoader.create(LibC.class).load("c");
        }
        return libc;
    }

    private static int errno() {
        return Runtime.getRuntime(libc()).getLastError();
    }

    /** Creates the namespace /run/netns/{@code name}; fails if it exists. */
    static Path add(String name) {
        Path file = RUN_NETNS.resolve(name);
        try {
            Files.createDirectories(RUN_NETNS);
            Files.createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
        AtomicReference<String> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("jlvs-netns-add-" + name).unstarted(() -> {
            if (libc().unshare(CLONE_NEWNET) != 0) {
                failure.set("unshare(CLONE_NEWNET) failed, errno " + errno());
                return;
            }
            if (libc().mount("/proc/thread-self/ns/net", file.toString(), "none", MS_BIND, null) != 0) {
                failure.set("bind mount of the new namespace on " + file + " failed, errno " + errno());
            }
            // The thread ends here, in the new namespace; the bind mount keeps the namespace alive.
        });
        t.start();
        try {
            // unshare waits for the kernel's namespace cleanup (net_mutex), which for a namespace that
            // held the 60k-entry scale table takes tens of seconds in the emulated guest.
            if (!t.join(Duration.ofSeconds(180))) {
                failure.compareAndSet(null, "unshare and mount did not return within 180 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, "interrupted");
        }
        if (failure.get() != null) {
            deleteQuietly(file);
            throw new IllegalStateException("cannot create network namespace " + name + ": " + failure.get());
        }
        return file;
    }

    /** Removes /run/netns/{@code name}; the namespace goes once nothing else holds it (sockets, processes). */
    static void delete(String name) {
        Path file = RUN_NETNS.resolve(name);
        if (!Files.exists(file)) {
            return;
        }
        if (libc().umount2(file.toString(), MNT_DETACH) != 0) {
            throw new IllegalStateException("umount2(" + file + ", MNT_DETACH) failed, errno " + errno());
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the original failure is what matters
        }
    }
}
