package io.jlvs.sys.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Objects;

/**
 * The glibc functions behind {@link FfmSyscalls}, bound with {@code java.lang.foreign} and declared as in
 * their man pages for LP64 Linux: {@code int} and {@code socklen_t} are JAVA_INT, {@code size_t} and
 * {@code ssize_t} JAVA_LONG, pointers ADDRESS.
 *
 * <p>Every handle copies errno into a caller-supplied segment the moment the function returns
 * ({@link Linker.Option#captureCallState}): once Java code runs again, the JVM may already have made
 * calls of its own that change errno, so it cannot be read afterwards. That segment is each method's
 * first parameter; {@link CallScratch} supplies one per thread.
 *
 * <p>The handles are static finals so that the JIT sees constants and compiles {@code invokeExact} into a
 * direct call. Each lives in a holder class of its own, so it is made on the first call of its function:
 * making a downcall handle generates and loads classes (several milliseconds each, which no ahead-of-time
 * cache keeps), and a one-shot {@code jlvsadm -Ln} calls about half of these functions. Every symbol is
 * still looked up when the backend is created ({@link #link}), so a libc without one of them fails there,
 * not at a first call later. None is {@link Linker.Option#critical critical}: recv blocks, and a critical
 * call would keep the garbage collector waiting for it.
 */
final class FfmLibC {
    private FfmLibC() {}

    /** Layout of the capture segment; on Linux it holds errno alone, but its offset is looked up, not assumed. */
    static final StructLayout CAPTURE_STATE = Linker.Option.captureStateLayout();
    static final long ERRNO_OFFSET = CAPTURE_STATE.byteOffset(PathElement.groupElement("errno"));

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final class Socket {
        static final MethodHandle H = bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class Bind {
        static final MethodHandle H = bind("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class GetSockName {
        static final MethodHandle H = bind("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }

    private static final class SendTo {
        static final MethodHandle H = bind("sendto",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class Recv {
        static final MethodHandle H = bind("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    }

    private static final class RecvFrom {
        static final MethodHandle H = bind("recvfrom",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    }

    private static final class SetSockOpt {
        static final MethodHandle H = bind("setsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class GetSockOpt {
        static final MethodHandle H = bind("getsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }

    private static final class Close {
        static final MethodHandle H = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    /**
     * open(2) is variadic: the mode follows the flags. Declaring it so makes the linker use the variadic
     * calling convention (on x86-64 that sets %al); the mode passed is 0, which glibc reads only with
     * O_CREAT or O_TMPFILE.
     */
    private static final class Open {
        static final MethodHandle H = bind("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
                Linker.Option.firstVariadicArg(2));
    }

    private static final class SetNs {
        static final MethodHandle H = bind("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    /** Returns unsigned int, 0 on failure; interface indexes stay far below 2^31, so JAVA_INT reads it. */
    private static final class IfNameToIndex {
        static final MethodHandle H = bind("if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    /** Every function bound here: {@link #link} looks each up when the backend is created. */
    private static final List<String> FUNCTIONS = List.of("socket", "bind", "getsockname", "sendto", "recv", "recvfrom",
            "setsockopt", "getsockopt", "close", "open", "setns", "if_nametoindex");

    // Binding native functions is what this class is for; launchers grant it with --enable-native-access.
    @SuppressWarnings("restricted")
    private static MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = symbol(name);
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = CAPTURE_ERRNO;
        System.arraycopy(options, 0, all, 1, options.length);
        return LINKER.downcallHandle(symbol, descriptor, all);
    }

    /**
     * Looks every function up now, so that a libc without one fails when the backend is created, and
     * makes close(2)'s handle (every user closes a socket), so that native access denied to this module
     * fails there too; the other handles are made on first call.
     */
    static void link() {
        for (String name : FUNCTIONS) {
            symbol(name);
        }
        Objects.requireNonNull(Close.H);
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no function " + name));
    }

    static int socket(MemorySegment state, int domain, int type, int protocol) {
        try {
            return (int) Socket.H.invokeExact(state, domain, type, protocol);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static int bind(MemorySegment state, int fd, MemorySegment addr, int addrLength) {
        try {
            return (int) Bind.H.invokeExact(state, fd, addr, addrLength);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static int getsockname(MemorySegment state, int fd, MemorySegment addr, MemorySegment addrLength) {
        try {
            return (int) GetSockName.H.invokeExact(state, fd, addr, addrLength);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static long sendto(MemorySegment state, int fd, MemorySegment buf, long length, int flags,
            MemorySegment addr, int addrLength) {
        try {
            return (long) SendTo.H.invokeExact(state, fd, buf, length, flags, addr, addrLength);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static long recv(MemorySegment state, int fd, MemorySegment buf, long length, int flags) {
        try {
            return (long) Recv.H.invokeExact(state, fd, buf, length, flags);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static long recvfrom(MemorySegment state, int fd, MemorySegment buf, long length, int flags,
            MemorySegment addr, MemorySegment addrLength) {
        try {
            return (long) RecvFrom.H.invokeExact(state, fd, buf, length, flags, addr, addrLength);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static int setsockopt(MemorySegment state, int fd, int level, int option, MemorySegment value, int length) {
        try {
            return (int) SetSockOpt.H.invokeExact(state, fd, level, option, value, length);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static int getsockopt(MemorySegment state, int fd, int level, int option, MemorySegment value, MemorySegment length) {
        try {
            return (int) GetSockOpt.H.invokeExact(state, fd, level, option, value, length);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static int close(MemorySegment state, int fd) {
        try {
            return (int) Close.H.invokeExact(state, fd);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static int open(MemorySegment state, MemorySegment path, int flags) {
        try {
            return (int) Open.H.invokeExact(state, path, flags, 0);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static int setns(MemorySegment state, int fd, int nsType) {
        try {
            return (int) SetNs.H.invokeExact(state, fd, nsType);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static int ifNameToIndex(MemorySegment state, MemorySegment name) {
        try {
            return (int) IfNameToIndex.H.invokeExact(state, name);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    /**
     * A downcall declares Throwable but throws only what the linker checks before calling: an
     * IllegalStateException for memory whose arena is closed, a WrongThreadException for another thread's
     * confined memory. Those pass through unchanged; anything else would be a JDK bug.
     */
    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("unexpected checked exception from a native call", t);
    }
}
