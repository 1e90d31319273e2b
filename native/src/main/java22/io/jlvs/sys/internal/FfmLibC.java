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
 * direct call. None is {@link Linker.Option#critical critical}: recv blocks, and a critical call would keep
 * the garbage collector waiting for it.
 */
final class FfmLibC {
    private FfmLibC() {}

    /** Layout of the capture segment; on Linux it holds errno alone, but its offset is looked up, not assumed. */
    static final StructLayout CAPTURE_STATE = Linker.Option.captureStateLayout();
    static final long ERRNO_OFFSET = CAPTURE_STATE.byteOffset(PathElement.groupElement("errno"));

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = bind("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = bind("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SENDTO = bind("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECV = bind("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle RECVFROM = bind("recvfrom",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SETSOCKOPT = bind("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = bind("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    /**
     * open(2) is variadic: the mode follows the flags. Declaring it so makes the linker use the variadic
     * calling convention (on x86-64 that sets %al); the mode passed is 0, which glibc reads only with
     * O_CREAT or O_TMPFILE.
     */
    private static final MethodHandle OPEN = bind("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle SETNS = bind("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    /** Returns unsigned int, 0 on failure; interface indexes stay far below 2^31, so JAVA_INT reads it. */
    private static final MethodHandle IF_NAMETOINDEX = bind("if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));

    // Binding native functions is what this class is for; launchers grant it with --enable-native-access.
    @SuppressWarnings("restricted")
    private static MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no function " + name));
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = CAPTURE_ERRNO;
        System.arraycopy(options, 0, all, 1, options.length);
        return LINKER.downcallHandle(symbol, descriptor, all);
    }

    /** Binds every function now (class initialisation), so that a failure shows when the backend is created. */
    static void link() {}

    static int socket(MemorySegment state, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(state, domain, type, protocol);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static int bind(MemorySegment state, int fd, MemorySegment addr, int addrLength) {
        try {
            return (int) BIND.invokeExact(state, fd, addr, addrLength);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static int getsockname(MemorySegment state, int fd, MemorySegment addr, MemorySegment addrLength) {
        try {
            return (int) GETSOCKNAME.invokeExact(state, fd, addr, addrLength);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static long sendto(MemorySegment state, int fd, MemorySegment buf, long length, int flags,
            MemorySegment addr, int addrLength) {
        try {
            return (long) SENDTO.invokeExact(state, fd, buf, length, flags, addr, addrLength);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static long recv(MemorySegment state, int fd, MemorySegment buf, long length, int flags) {
        try {
            return (long) RECV.invokeExact(state, fd, buf, length, flags);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static long recvfrom(MemorySegment state, int fd, MemorySegment buf, long length, int flags,
            MemorySegment addr, MemorySegment addrLength) {
        try {
            return (long) RECVFROM.invokeExact(state, fd, buf, length, flags, addr, addrLength);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static int setsockopt(MemorySegment state, int fd, int level, int option, MemorySegment value, int length) {
        try {
            return (int) SETSOCKOPT.invokeExact(state, fd, level, option, value, length);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static int getsockopt(MemorySegment state, int fd, int level, int option, MemorySegment value, MemorySegment length) {
        try {
            return (int) GETSOCKOPT.invokeExact(state, fd, level, option, value, length);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static int close(MemorySegment state, int fd) {
        try {
            return (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static int open(MemorySegment state, MemorySegment path, int flags) {
        try {
            return (int) OPEN.invokeExact(state, path, flags, 0);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static int setns(MemorySegment state, int fd, int nsType) {
        try {
            return (int) SETNS.invokeExact(state, fd, nsType);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static int ifNameToIndex(MemorySegment state, MemorySegment name) {
        try {
            return (int) IF_NAMETOINDEX.invokeExact(state, name);
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
