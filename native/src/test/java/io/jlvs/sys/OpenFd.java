package io.jlvs.sys;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A file descriptor a test owns, closed by try-with-resources so that no test leaks one into the next;
 * closed through the backend that opened it, so that each test exercises one backend only.
 */
record OpenFd(Syscalls sys, int value) implements AutoCloseable {

    /** Wraps a {@link Syscalls} result that must be a descriptor, failing the test with the errno otherwise. */
    static OpenFd of(Syscalls sys, String operation, int result) {
        if (result < 0) {
            fail(operation + " failed with " + Errno.name(-result) + " (" + Errno.describe(-result) + ")");
        }
        return new OpenFd(sys, result);
    }

    @Override
    public void close() {
        sys.close(value);
    }
}
