package io.jlvs.sys.internal;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The argument checks every {@link io.jlvs.sys.Syscalls} backend makes before a call, kept in one place
 * so that the backends refuse exactly the same things. A wrong length here is memory corruption, not an
 * error code: buffers must be direct, {@code length} must fit between position and limit, and buffers the
 * kernel writes into must not be read-only. Violations throw {@link IllegalArgumentException}.
 */
final class SyscallArguments {
    private SyscallArguments() {}

    static void requireReadable(ByteBuffer buf, int length, String what) {
        Objects.requireNonNull(buf, what);
        if (!buf.isDirect()) {
            throw new IllegalArgumentException(what + " must be a direct ByteBuffer");
        }
        if (length < 0 || length > buf.remaining()) {
            throw new IllegalArgumentException(what + ": length " + length + " does not fit in the "
                    + buf.remaining() + " bytes between position and limit");
        }
    }

    static void requireWritable(ByteBuffer buf, int length, String what) {
        requireReadable(buf, length, what);
        if (buf.isReadOnly()) {
            throw new IllegalArgumentException(what + " is read-only but the kernel writes into it");
        }
    }

    /** C strings end at the first NUL; a Java string with one inside would name something else. */
    static void requireCString(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " contains a NUL character");
        }
    }
}
