package io.jlvs.sys.internal;

import io.jlvs.sys.Errno;

/** How every backend turns a libc return value and errno into the {@link io.jlvs.sys.Syscalls} result. */
final class SyscallResults {
    private SyscallResults() {}

    /**
     * {@code -errno} for a failed call. A failure must never read as success (0 is a valid fd), so an
     * errno of 0 here, which would be a libc bug, becomes -EIO.
     */
    static int failure(int errno) {
        return errno > 0 ? -errno : -Errno.EIO;
    }

    /** A successful ssize_t byte count; with MSG_TRUNC it is a datagram's full length, in theory beyond an int. */
    static int byteCount(long result) {
        return (int) Math.min(result, Integer.MAX_VALUE);
    }
}
