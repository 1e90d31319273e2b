package io.jlvs.sys.internal;

import static io.jlvs.sys.internal.SyscallArguments.requireCString;
import static io.jlvs.sys.internal.SyscallArguments.requireReadable;
import static io.jlvs.sys.internal.SyscallArguments.requireWritable;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Objects;

import io.jlvs.sys.Syscalls;

/**
 * {@link Syscalls} over glibc through {@code java.lang.foreign} (JDK 22+). Each method makes one libc call
 * ({@link FfmLibC}); errno is captured by the call itself into this thread's {@link CallScratch}.
 *
 * <p>Buffers become segments with {@link MemorySegment#ofBuffer}, which starts at the buffer's position,
 * allocates no native memory, and keeps the buffer's memory alive and checked for the length of the call:
 * a buffer over memory whose arena has been closed is refused with {@link IllegalStateException}, where
 * the JNR backend would hand the kernel a dangling address. Arguments are checked as in the JNR backend
 * ({@link SyscallArguments}). Only {@link #open} and {@link #ifNameToIndex}, which are not on hot paths,
 * allocate: their C strings, in a confined arena freed when the call returns.
 *
 * <p>Compiled with {@code --release 22}; code compiled for JDK 21 reaches it through {@link ForeignBackend}.
 */
public final class FfmSyscalls implements Syscalls {
    private final ThreadLocal<CallScratch> scratch = ThreadLocal.withInitial(CallScratch::new);

    private FfmSyscalls() {
        FfmLibC.link();
    }

    /** The process-wide binding; binds libc on first use and throws if it cannot (e.g. native access denied). */
    public static FfmSyscalls instance() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final FfmSyscalls INSTANCE = new FfmSyscalls();
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        CallScratch s = scratch.get();
        return orErrno(s, FfmLibC.socket(s.captureState(), domain, type, protocol));
    }

    @Override
    public int bind(int fd, ByteBuffer addr, int addrLength) {
        requireReadable(addr, addrLength, "addr");
        CallScratch s = scratch.get();
        return orErrno(s, FfmLibC.bind(s.captureState(), fd, MemorySegment.ofBuffer(addr), addrLength));
    }

    @Override
    public int getsockname(int fd, ByteBuffer addr) {
        requireWritable(Objects.requireNonNull(addr, "addr"), addr.remaining(), "addr");
        CallScratch s = scratch.get();
        int result = FfmLibC.getsockname(s.captureState(), fd, MemorySegment.ofBuffer(addr), s.length(addr.remaining()));
        return result < 0 ? SyscallResults.failure(s.errno()) : s.length();
    }

    @Override
    public int sendto(int fd, ByteBuffer buf, int length, int flags, ByteBuffer addr, int addrLength) {
        requireReadable(buf, length, "buf");
        if (addr != null) {
            requireReadable(addr, addrLength, "addr");
        }
        CallScratch s = scratch.get();
        // With a NULL address the kernel ignores addrlen (net/socket.c __sys_sendto); pass 0 to say so.
        long result = FfmLibC.sendto(s.captureState(), fd, MemorySegment.ofBuffer(buf), length, flags,
                addr != null ? MemorySegment.ofBuffer(addr) : MemorySegment.NULL, addr != null ? addrLength : 0);
        return result < 0 ? SyscallResults.failure(s.errno()) : SyscallResults.byteCount(result);
    }

    @Override
    public int recv(int fd, ByteBuffer buf, int length, int flags) {
        requireWritable(buf, length, "buf");
        CallScratch s = scratch.get();
        long result = FfmLibC.recv(s.captureState(), fd, MemorySegment.ofBuffer(buf), length, flags);
        return result < 0 ? SyscallResults.failure(s.errno()) : SyscallResults.byteCount(result);
    }

    @Override
    public int recvfrom(int fd, ByteBuffer buf, int length, int flags, ByteBuffer addr) {
        requireWritable(buf, length, "buf");
        requireWritable(Objects.requireNonNull(addr, "addr"), addr.remaining(), "addr");
        CallScratch s = scratch.get();
        long result = FfmLibC.recvfrom(s.captureState(), fd, MemorySegment.ofBuffer(buf), length, flags,
                MemorySegment.ofBuffer(addr), s.length(addr.remaining()));
        return result < 0 ? SyscallResults.failure(s.errno()) : SyscallResults.byteCount(result);
    }

    @Override
    public int setsockopt(int fd, int level, int option, int value) {
        CallScratch s = scratch.get();
        return orErrno(s, FfmLibC.setsockopt(s.captureState(), fd, level, option, s.intValue(value), Integer.BYTES));
    }

    @Override
    public int setsockopt(int fd, int level, int option, ByteBuffer value, int length) {
        requireReadable(value, length, "value");
        CallScratch s = scratch.get();
        return orErrno(s, FfmLibC.setsockopt(s.captureState(), fd, level, option, MemorySegment.ofBuffer(value), length));
    }

    @Override
    public int getsockoptInt(int fd, int level, int option) {
        CallScratch s = scratch.get();
        int result = FfmLibC.getsockopt(s.captureState(), fd, level, option, s.intValue(0), s.length(Integer.BYTES));
        return result < 0 ? SyscallResults.failure(s.errno()) : s.intValue();
    }

    @Override
    public int close(int fd) {
        CallScratch s = scratch.get();
        return orErrno(s, FfmLibC.close(s.captureState(), fd));
    }

    @Override
    public int open(String path, int flags) {
        requireCString(path, "path");
        CallScratch s = scratch.get();
        try (Arena arena = Arena.ofConfined()) {
            return orErrno(s, FfmLibC.open(s.captureState(), arena.allocateFrom(path), flags));
        }
    }

    @Override
    public int setns(int fd, int nsType) {
        CallScratch s = scratch.get();
        return orErrno(s, FfmLibC.setns(s.captureState(), fd, nsType));
    }

    @Override
    public int ifNameToIndex(String name) {
        requireCString(name, "name");
        CallScratch s = scratch.get();
        try (Arena arena = Arena.ofConfined()) {
            int index = FfmLibC.ifNameToIndex(s.captureState(), arena.allocateFrom(name));
            return index == 0 ? SyscallResults.failure(s.errno()) : index;
        }
    }

    /** For the calls that return -1 and set errno. */
    private static int orErrno(CallScratch s, int result) {
        return result < 0 ? SyscallResults.failure(s.errno()) : result;
    }
}
