package io.jlvs.sys;

import java.util.Locale;

/**
 * Which {@link Syscalls} backend this process uses ({@link #backend()}), whether it works, and if not,
 * why: asked once, up front, instead of failing deep inside the first real call (as Netty's
 * {@code Epoll.isAvailable()}). {@link Syscalls#system()} hands out the backend checked here.
 *
 * <p>The probe runs once, on first use: it checks for Linux, picks the backend
 * ({@link SyscallBackend#selected()}), binds libc through it, and calls {@code close(-1)}, which must fail
 * with EBADF. That last step proves not only that calls reach libc but that errno comes back, which every
 * error report above this layer depends on.
 *
 * <p>Run as a program ({@code java --enable-native-access=ALL-UNNAMED -cp ... io.jlvs.sys.NativeAvailability})
 * it prints the backend and the verdict, and exits 1 when the backend cannot be used.
 */
public final class NativeAvailability {
    private NativeAvailability() {}

    /** True when {@link Syscalls#system()} can be used. Never throws. */
    public static boolean isAvailable() {
        return Probe.RESULT.cause() == null;
    }

    /** Why the backend cannot be used, or {@code null} when it can. Never throws. */
    public static Throwable unavailabilityCause() {
        return Probe.RESULT.cause();
    }

    /**
     * The backend {@link Syscalls#system()} uses (or would use, if it is unavailable); {@code null} only
     * when {@code -Djlvs.syscalls} names no backend, which {@link #unavailabilityCause()} then explains.
     * Never throws.
     */
    public static SyscallBackend backend() {
        return Probe.RESULT.backend();
    }

    /** Throws {@link UnsatisfiedLinkError}, caused by {@link #unavailabilityCause()}, unless available. */
    public static void ensureAvailable() {
        Throwable cause = Probe.RESULT.cause();
        if (cause != null) {
            UnsatisfiedLinkError error = new UnsatisfiedLinkError("jLVS native syscalls ("
                    + (backend() != null ? backend().id() : "no") + " backend) are unavailable: " + cause);
            error.initCause(cause);
            throw error;
        }
    }

    /** The checked backend, for {@link Syscalls#system()}. */
    static Syscalls syscalls() {
        ensureAvailable();
        return Probe.RESULT.syscalls();
    }

    public static void main(String[] args) {
        SyscallBackend backend = backend();
        String what = "jLVS syscalls: " + (backend != null ? backend.id() + " backend" : "no backend")
                + " on JDK " + Runtime.version().feature();
        if (isAvailable()) {
            System.out.println(what + ": available");
        } else {
            System.out.println(what + ": unavailable: " + unavailabilityCause());
            System.exit(1);
        }
    }

    /** {@code syscalls} is set exactly when {@code cause} is null. */
    private record Result(SyscallBackend backend, Syscalls syscalls, Throwable cause) {}

    private static final class Probe {
        static final Result RESULT = probe();
    }

    // Catches Throwable on purpose: loading native code fails with errors (UnsatisfiedLinkError,
    // NoClassDefFoundError, IllegalCallerException without native access), and the answer must be a value.
    private static Result probe() {
        SyscallBackend backend = null;
        try {
            backend = SyscallBackend.selected();
            String os = System.getProperty("os.name", "");
            if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
                return new Result(backend, null,
                        new UnsupportedOperationException("IPVS and netlink exist only on Linux, not on " + os));
            }
            Syscalls sys = backend.syscalls();
            int result = sys.close(-1);
            if (result != -Errno.EBADF) {
                return new Result(backend, null, new IllegalStateException("close(-1) returned " + result
                        + " instead of -EBADF (" + -Errno.EBADF + "): errno does not reach Java"));
            }
            return new Result(backend, sys, null);
        } catch (Throwable t) {
            return new Result(backend, null, t);
        }
    }
}
