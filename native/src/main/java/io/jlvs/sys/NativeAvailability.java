package io.jlvs.sys;

import java.util.Locale;

/**
 * Whether the native backend ({@link Syscalls#jnr()}) works in this process, and if not, why: asked once,
 * up front, instead of failing deep inside the first real call (as Netty's {@code Epoll.isAvailable()}).
 *
 * <p>The probe runs once, on first use: it checks for Linux, loads libc, and calls {@code close(-1)},
 * which must fail with EBADF. That last step proves not only that calls reach libc but that errno
 * comes back, which every error report above this layer depends on.
 */
public final class NativeAvailability {
    private NativeAvailability() {}

    /** True when {@link Syscalls#jnr()} can be used. Never throws. */
    public static boolean isAvailable() {
        return Probe.CAUSE == null;
    }

    /** Why the backend cannot be used, or {@code null} when it can. Never throws. */
    public static Throwable unavailabilityCause() {
        return Probe.CAUSE;
    }

    /** Throws {@link UnsatisfiedLinkError}, caused by {@link #unavailabilityCause()}, unless available. */
    public static void ensureAvailable() {
        Throwable cause = Probe.CAUSE;
        if (cause != null) {
            UnsatisfiedLinkError error = new UnsatisfiedLinkError("jLVS native syscalls are unavailable: " + cause);
            error.initCause(cause);
            throw error;
        }
    }

    private static final class Probe {
        static final Throwable CAUSE = probe();
    }

    // Catches Throwable on purpose: loading native code fails with errors (UnsatisfiedLinkError,
    // NoClassDefFoundError, IllegalCallerException without native access), and the answer must be a value.
    private static Throwable probe() {
        try {
            String os = System.getProperty("os.name", "");
            if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
                return new UnsupportedOperationException("IPVS and netlink exist only on Linux, not on " + os);
            }
            int result = Syscalls.jnr().close(-1);
            if (result != -Errno.EBADF) {
                return new IllegalStateException("close(-1) returned " + result + " instead of -EBADF ("
                        + -Errno.EBADF + "): errno does not reach Java");
            }
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
