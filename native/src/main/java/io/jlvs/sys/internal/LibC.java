package io.jlvs.sys.internal;

import java.nio.ByteBuffer;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.socklen_t;
import jnr.ffi.types.ssize_t;

/**
 * The glibc functions behind {@link JnrSyscalls}, declared as in their man pages. Public only because
 * JNR-FFI generates the implementing class in a class loader of its own; not part of jLVS's API.
 *
 * <p>{@link SaveError} makes jffi copy errno into its per-thread slot as soon as the function returns,
 * before any other code on that thread can change it; {@code Runtime.getLastError()} reads that slot.
 * A direct {@link ByteBuffer} is passed as its address plus its position (jnr-ffi
 * {@code BufferParameterStrategy.address}), and a {@code null} one as NULL.
 */
public interface LibC {

    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int bind(int sockfd, @In ByteBuffer addr, @socklen_t int addrlen);

    @SaveError
    int getsockname(int sockfd, @Out ByteBuffer addr, @In @Out ByteBuffer addrlen);

    @SaveError
    @ssize_t
    long sendto(int sockfd, @In ByteBuffer buf, @size_t long len, int flags, @In ByteBuffer destAddr, @socklen_t int addrlen);

    @SaveError
    @ssize_t
    long recv(int sockfd, @Out ByteBuffer buf, @size_t long len, int flags);

    @SaveError
    @ssize_t
    long recvfrom(int sockfd, @Out ByteBuffer buf, @size_t long len, int flags, @Out ByteBuffer srcAddr,
                  @In @Out ByteBuffer addrlen);

    @SaveError
    int setsockopt(int sockfd, int level, int optname, @In ByteBuffer optval, @socklen_t int optlen);

    @SaveError
    int getsockopt(int sockfd, int level, int optname, @Out ByteBuffer optval, @In @Out ByteBuffer optlen);

    @SaveError
    int close(int fd);

    /** The two-argument form; without O_CREAT or O_TMPFILE glibc never reads the variadic mode. */
    @SaveError
    int open(@In String pathname, int flags);

    @SaveError
    int setns(int fd, int nstype);

    /** Returns 0, not -1, on failure (glibc sets errno, ENODEV for an unknown name). */
    @SaveError
    int if_nametoindex(@In String ifname);
}
