package io.jlvs.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Assertions that print errno results by name, so a failure reads "expected ENOENT but was EACCES". */
final class SyscallAssertions {
    private SyscallAssertions() {}

    static void assertFailsWith(int expectedErrno, int result) {
        assertEquals(expectedErrno, -result,
                () -> "expected -" + Errno.name(expectedErrno) + " but the call returned " + describeResult(result));
    }

    static void assertSucceeds(int result) {
        assertEquals(0, result, () -> "expected 0 but the call returned " + describeResult(result));
    }

    static String describeResult(int result) {
        return result < 0 ? "-" + Errno.name(-result) + " (" + Errno.describe(-result) + ")" : Integer.toString(result);
    }
}
