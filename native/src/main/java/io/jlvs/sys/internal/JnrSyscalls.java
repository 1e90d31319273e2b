package io.jlvs.sys.internal;

import static io.jlvs.sys.internal.SyscallArguments.requireCString;
import static io.jlvs.sys.internal.SyscallArguments.requireReadable;
import static io.jlvs.sys.internal.SyscallArguments.requireWritable;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

import io.jlvs.sys.Syscalls;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;
import jnr.ffi.Runtime;

/**
 * {@link Syscalls} over glibc through JNR-FFI. Each method makes one libc call and, when it fails,
 * reads errno from jffi's per-thread slot before anything else runs on the thread (see {@link LibC}).
 *
 * <p>Arguments are checked in Java before the call ({@link SyscallArguments}), the same checks as in the
 * FFM backend.
 */
public final class JnrSyscalls implements Syscalls {
    private static final int INT_SIZE = Integer.BYTES;

    private final LibC libc;
    private final Runtime runtime;
    /** Native ints for option values and socklen_t in/out arguments, so that no call allocates. */
    private final ThreadLocal<IntScratch> scratch = ThreadLocal.withInitial(IntScratch::new);

    private JnrSyscalls(LibC libc) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
    }

    /** The process-wide binding; loads libc on first use and throws a {@link LinkageError} if it cannot. */
    public static JnrSyscalls instance() {
        return Holder.INSTANCE;
    }

    /** The one static of the native layer: libc is loaded once per process, like libc itself. */
    private static final class Holder {
        static final JnrSyscalls INSTANCE = new JnrSyscalls(LibraryLoader.create(LibC.class)
                .failImmediately()
                .load(Platform.getNativePlatform().getStandardCLibraryName()));
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        return orErrno(libc.socket(domain, type, protocol));
    }

    @Override
    public int bind(int fd, ByteBuffer addr, int addrLength) {
        requireReadable(addr, addrLength, "addr");
        return orErrno(libc.bind(fd, addr, addrLength));
    }

    @Override
    public int getsockname(int fd, ByteBuffer addr) {
        requireWritable(Objects.requireNonNull(addr, "addr"), addr.remaining(), "addr");
        ByteBuffer length = scratch.get().length(addr.remaining());
        int result = libc.getsockname(fd, addr, length);
        return result < 0 ? lastErrno() : length.getInt(0);
    }

    @Override
    public int sendto(int fd, ByteBuffer buf, int length, int flags, ByteBuffer addr, int addrLength) {
        requireReadable(buf, length, "buf");
        if (addr != null) {
            requireReadable(addr, addrLength, "addr");
        }
        // With a NULL address the kernel ignores addrlen (net/socket.c __sys_sendto); pass 0 to say so.
        long result = libc.sendto(fd, buf, length, flags, addr, addr != null ? addrLength : 0);
        return result < 0 ? lastErrno() : SyscallResults.byteCount(result);
    }

    @Override
    public int recv(int fd, ByteBuffer buf, int length, int flags) {
        requireWritable(buf, length, "buf");
        long result = libc.recv(fd, buf, length, flags);
        return result < 0 ? lastErrno() : SyscallResults.byteCount(result);
    }

    @Override
    public int recvfrom(int fd, ByteBuffer buf, int length, int flags, ByteBuffer addr) {
        requireWritable(buf, length, "buf");
        requireWritable(Objects.requireNonNull(addr, "addr"), addr.remaining(), "addr");
        ByteBuffer addrLength = scratch.get().length(addr.remaining());
        long result = libc.recvfrom(fd, buf, length, flags, addr, addrLength);
        return result < 0 ? lastErrno() : SyscallResults.byteCount(result);
    }

    @Override
    public int setsockopt(int fd, int level, int option, int value) {
        ByteBuffer optval = scratch.get().value(value);
        return orErrno(libc.setsockopt(fd, level, option, optval, INT_SIZE));
    }

    @Override
    public int setsockopt(int fd, int level, int option, ByteBuffer value, int length) {
        requireReadable(value, length, "value");
        return orErrno(libc.setsockopt(fd, level, option, value, length));
    }

    @Override
    public int getsockoptInt(int fd, int level, int option) {
        IntScratch ints = scratch.get();
        ByteBuffer optval = ints.value(0);
        ByteBuffer optlen = ints.length(INT_SIZE);
        int result = libc.getsockopt(fd, level, option, optval, optlen);
        return result < 0 ? lastErrno() : optval.getInt(0);
    }

    @Override
    public int close(int fd) {
        return orErrno(libc.close(fd));
    }

    @Override
    public int open(String path, int flags) {
        requireCString(path, "path");
        return orErrno(libc.open(path, flags));
    }

    @Override
    public int setns(int fd, int nsType) {
        return orErrno(libc.setns(fd, nsType));
    }

    @Override
    public int ifNameToIndex(String name) {
        requireCString(name, "name");
        int index = libc.if_nametoindex(name);
        return index == 0 ? lastErrno() : index;
    }

    /** For the calls that return -1 and set errno: must run directly after the call. */
    private int orErrno(int result) {
        return result < 0 ? lastErrno() : result;
    }

    /** -errno of the last {@link LibC} call on this thread. */
    private int lastErrno() {
        return SyscallResults.failure(runtime.getLastError());
    }

    /** Two native-order ints at position 0 of their own direct buffers. */
    private static final class IntScratch {
        private final ByteBuffer value;
        private final ByteBuffer length;

        IntScratch() {
            ByteBuffer both = ByteBuffer.allocateDirect(2 * INT_SIZE);
            value = both.slice(0, INT_SIZE).order(ByteOrder.nativeOrder());
            length = both.slice(INT_SIZE, INT_SIZE).order(ByteOrder.nativeOrder());
        }

        ByteBuffer value(int v) {
            return value.putInt(0, v);
        }

        ByteBuffer length(int v) {
            return length.putInt(0, v);
        }
    }
}
