package io.jlvs.sys;

/**
 * The errno values jLVS meets, named and numbered as in Linux {@code include/uapi/asm-generic/errno-base.h}
 * (1..34) and {@code errno.h} (35 on); {@link Syscalls} returns them negated. {@link #name} and
 * {@link #describe} know every Linux errno, not only the constants below.
 */
public final class Errno {
    private Errno() {}

    // asm-generic/errno-base.h
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int E2BIG = 7;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int EWOULDBLOCK = EAGAIN;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int ENOSPC = 28;
    public static final int ERANGE = 34;

    // asm-generic/errno.h
    public static final int ENOSYS = 38;
    public static final int ENOTEMPTY = 39;
    public static final int ENOLINK = 67;
    public static final int EPROTO = 71;
    public static final int EOVERFLOW = 75;
    public static final int ENOTSOCK = 88;
    public static final int EMSGSIZE = 90;
    public static final int ENOPROTOOPT = 92;
    public static final int EPROTONOSUPPORT = 93;
    public static final int EOPNOTSUPP = 95;
    /** glibc's name for {@link #EOPNOTSUPP}; on Linux they are one value. */
    public static final int ENOTSUP = EOPNOTSUPP;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETDOWN = 100;
    public static final int ENETUNREACH = 101;
    public static final int ENOBUFS = 105;
    public static final int ENOTCONN = 107;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTUNREACH = 113;
    public static final int EALREADY = 114;

    /** The symbolic name, e.g. {@code "EEXIST"}; {@code "errno 1234"} for a number Linux does not define. */
    public static String name(int errno) {
        ErrnoTable.Entry entry = ErrnoTable.lookup(errno);
        return entry != null ? entry.name() : "errno " + errno;
    }

    /** The strerror(3) text, e.g. {@code "File exists"}; {@code "Unknown error 1234"} as glibc says for others. */
    public static String describe(int errno) {
        ErrnoTable.Entry entry = ErrnoTable.lookup(errno);
        return entry != null ? entry.message() : "Unknown error " + errno;
    }

    /**
     * Passes a {@link Syscalls} result through, or throws when it is {@code -errno}:
     * {@code int fd = Errno.check("socket", sys.socket(...));}
     */
    public static int check(String operation, int result) throws ErrnoException {
        if (result < 0) {
            throw new ErrnoException(operation, -result);
        }
        return result;
    }
}
