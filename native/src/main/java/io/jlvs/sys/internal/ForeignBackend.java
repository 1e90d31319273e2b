package io.jlvs.sys.internal;

import java.lang.reflect.InvocationTargetException;

import io.jlvs.sys.Syscalls;

/**
 * The way to {@code FfmSyscalls} from code compiled for JDK 21. That class is compiled with
 * {@code --release 22} (java.lang.foreign is final only there) into the same output directory, so it is
 * named here only as a string and loaded only on a JDK that can run it: everything else in jlvs-native
 * still loads on JDK 21.
 */
public final class ForeignBackend {
    /** The first JDK in which java.lang.foreign is a final API. */
    public static final int MINIMUM_JAVA = 22;

    private static final String CLASS_NAME = "io.jlvs.sys.internal.FfmSyscalls";

    private ForeignBackend() {}

    /** Why the FFM backend cannot be loaded here, or {@code null} when it can. */
    public static String unsupportedReason() {
        return unsupportedReason(Runtime.version().feature(), isBuiltIn());
    }

    static String unsupportedReason(int javaFeature, boolean builtIn) {
        if (javaFeature < MINIMUM_JAVA) {
            return "the ffm syscall backend needs JDK " + MINIMUM_JAVA + " or newer, and this is JDK " + javaFeature;
        }
        if (!builtIn) {
            return "this build of jlvs-native has no ffm syscall backend (it was built on a JDK older than "
                    + MINIMUM_JAVA + ")";
        }
        return null;
    }

    /** Looks for the class file without loading it: on JDK 21 loading would fail on its class-file version. */
    private static boolean isBuiltIn() {
        return ForeignBackend.class.getResource("FfmSyscalls.class") != null;
    }

    /**
     * The process-wide FFM backend. Throws {@link UnsupportedOperationException} with
     * {@link #unsupportedReason()} where it cannot run. Reflective, so callers keep the result.
     */
    public static Syscalls instance() {
        String reason = unsupportedReason();
        if (reason != null) {
            throw new UnsupportedOperationException(reason);
        }
        try {
            return (Syscalls) Class.forName(CLASS_NAME).getMethod("instance").invoke(null);
        } catch (InvocationTargetException e) {
            // The backend's own failure (e.g. native access denied) is the one worth reporting.
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(CLASS_NAME + ".instance() failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach " + CLASS_NAME + " although its class file is present", e);
        }
    }
}
