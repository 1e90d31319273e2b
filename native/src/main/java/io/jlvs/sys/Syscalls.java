package io.jlvs.sys;

import java.nio.ByteBuffer;

/**
 * The thin syscall surface jLVS needs, and nothing more: every method makes exactly one system call
 * and returns its result, or {@code -errno} when the call failed (errno is read right after the call,
 * on the same thread). No policy, no retries, no exceptions for kernel errors: callers decide.
 *
 * <p>Buffers must be direct. A buffer argument is read or written from its <em>position</em> for
 * {@code length} bytes; the buffer's position and limit are not changed by these methods.
 *
 * <p>Implementations: {@link #jnr()} (JNR-FFI, JDK 21+) and {@link #ffm()} ({@code java.lang.foreign},
 * JDK 22+); they must be indistinguishable through this interface. Code above this layer takes
 * {@link #system()}, the one {@link SyscallBackend#selected()} picks for the process.
 */
public interface Syscalls {

    /** socket(2). Returns a file descriptor or -errno. */
    int socket(int domain, int type, int protocol);

    /** bind(2) with a raw sockaddr of {@code addrLength} bytes at {@code addr}'s position. */
    int bind(int fd, ByteBuffer addr, int addrLength);

    /** getsockname(2) into {@code addr} (capacity from its position to its limit); returns the address length or -errno. */
    int getsockname(int fd, ByteBuffer addr);

    /** sendto(2); {@code addr} may be null (connected or netlink-to-kernel with default address). Returns bytes sent or -errno. */
    int sendto(int fd, ByteBuffer buf, int length, int flags, ByteBuffer addr, int addrLength);

    /** recvfrom(2) without a source address. Returns bytes received (with MSG_TRUNC: the real length) or -errno. */
    int recv(int fd, ByteBuffer buf, int length, int flags);

    /**
     * recvfrom(2) with the sender's address: the sockaddr is written to {@code addr} from its position
     * (capacity up to its limit; a longer address is truncated, as the kernel does). Returns bytes
     * received (with MSG_TRUNC: the real length) or -errno; the address's family field says its kind.
     */
    int recvfrom(int fd, ByteBuffer buf, int length, int flags, ByteBuffer addr);

    /** setsockopt(2) with an int value. */
    int setsockopt(int fd, int level, int option, int value);

    /** setsockopt(2) with a raw value of {@code length} bytes (struct timeval, struct packet_mreq, ...). */
    int setsockopt(int fd, int level, int option, ByteBuffer value, int length);

    /** getsockopt(2) for an int value: returns the value, or -errno (callers know the option's range). */
    int getsockoptInt(int fd, int level, int option);

    /** close(2). */
    int close(int fd);

    /** open(2) of a path, e.g. {@code /run/netns/NAME}; returns a file descriptor or -errno. */
    int open(String path, int flags);

    /** setns(2): moves the calling OS thread into the namespace behind {@code fd}. */
    int setns(int fd, int nsType);

    /** if_nametoindex(3); returns the index, or -errno (ENODEV when there is no such interface). */
    int ifNameToIndex(String name);

    /**
     * The backend for this process ({@link SyscallBackend#selected()}: FFM on JDK 22+, JNR on 21, or as
     * {@code -Djlvs.syscalls=jnr|ffm} says), created and checked once. Throws {@link UnsatisfiedLinkError}
     * with {@link NativeAvailability#unavailabilityCause()} as its cause when it cannot be used.
     */
    static Syscalls system() {
        return NativeAvailability.syscalls();
    }

    /** The JNR-FFI implementation, loading libc on first use. */
    static Syscalls jnr() {
        return io.jlvs.sys.internal.JnrSyscalls.instance();
    }

    /**
     * The {@code java.lang.foreign} implementation, binding libc on first use. Throws
     * {@link UnsupportedOperationException} before JDK 22 (see {@link SyscallBackend#isSupported()}).
     */
    static Syscalls ffm() {
        return io.jlvs.sys.internal.ForeignBackend.instance();
    }
}
