package io.jlvs.sys;

import java.util.Locale;

import io.jlvs.sys.internal.ForeignBackend;

/**
 * The two implementations of {@link Syscalls}, and the rule that picks one for the process.
 *
 * <p>Unless {@code -Djlvs.syscalls=jnr|ffm} forces one, {@link #FFM} is used on JDK 22 and later
 * (where {@code java.lang.foreign} is final) and {@link #JNR} on JDK 21. The reason to prefer FFM:
 * JNR-FFI reads and writes memory through {@code sun.misc.Unsafe}, which JDK 23+ warns about unless
 * the JVM gets {@code --sun-misc-unsafe-memory-access=allow}, and which later JDKs are announced to deny.
 * Both backends need {@code --enable-native-access=ALL-UNNAMED} to run without a warning.
 */
public enum SyscallBackend {
    /** JNR-FFI over glibc; the backend for JDK 21. */
    JNR("jnr"),
    /** {@code java.lang.foreign} over glibc; JDK 22 or newer. */
    FFM("ffm");

    /** The system property that forces a backend: {@code jnr}, {@code ffm}, or {@code auto} (the default). */
    public static final String PROPERTY = "jlvs.syscalls";

    private static final String AUTO = "auto";

    private final String id;

    SyscallBackend(String id) {
        this.id = id;
    }

    /** The name used in {@link #PROPERTY}, e.g. {@code "ffm"}. */
    public String id() {
        return id;
    }

    /**
     * Whether this JDK and this build of jlvs-native include the backend (a JDK 21 has no final
     * {@code java.lang.foreign}, and a build made on JDK 21 leaves the FFM backend out). Says nothing
     * about whether libc then loads: {@link NativeAvailability} answers that for the chosen one.
     */
    public boolean isSupported() {
        return this == JNR || ForeignBackend.unsupportedReason() == null;
    }

    /**
     * This backend's implementation, loaded on first use. Throws {@link UnsupportedOperationException}
     * when {@link #isSupported()} is false, or a {@link LinkageError} when libc cannot be bound.
     */
    public Syscalls syscalls() {
        return switch (this) {
            case JNR -> Syscalls.jnr();
            case FFM -> Syscalls.ffm();
        };
    }

    /**
     * The backend for this process: the one {@link #PROPERTY} names, else the best this JDK supports.
     * Throws {@link IllegalArgumentException} when the property names no backend.
     */
    public static SyscallBackend selected() {
        return choose(System.getProperty(PROPERTY), FFM.isSupported());
    }

    /**
     * The selection rule, apart from the process it runs in. A forced backend is returned even where it
     * cannot load, so that the user hears why instead of silently getting the other one.
     */
    static SyscallBackend choose(String requested, boolean ffmSupported) {
        String value = requested == null ? AUTO : requested.strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals(AUTO)) {
            return ffmSupported ? FFM : JNR;
        }
        for (SyscallBackend backend : values()) {
            if (backend.id.equals(value)) {
                return backend;
            }
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + requested + " names no syscall backend; use "
                + JNR.id + ", " + FFM.id + " or " + AUTO);
    }
}
