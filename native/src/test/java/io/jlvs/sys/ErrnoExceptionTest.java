package io.jlvs.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

/** What an {@link ErrnoException} carries and how it reads in a log. */
class ErrnoExceptionTest {

    @Test
    void messageReadsOperationThenStrerrorThenName() {
        assertEquals("sendto: No buffer space available (ENOBUFS)",
                new ErrnoException("sendto", Errno.ENOBUFS).getMessage());
    }

    @Test
    void messageOfAnUnknownErrnoStillNamesTheNumber() {
        assertEquals("recv: Unknown error 1234 (errno 1234)", new ErrnoException("recv", 1234).getMessage());
    }

    @Test
    void carriesTheOperationAndTheErrno() {
        ErrnoException e = new ErrnoException("setns", Errno.EPERM);
        assertEquals("setns", e.operation());
        assertEquals(Errno.EPERM, e.errno());
        assertEquals("EPERM", e.errnoName());
    }

    @Test
    void aNegatedErrnoAsSyscallsReturnsItIsTakenAsTheSameErrno() {
        assertEquals(Errno.EEXIST, new ErrnoException("bind", -Errno.EEXIST).errno());
    }

    @Test
    void isAnIOExceptionSoCallersCanDeclareIOExceptionAlone() {
        assertInstanceOf(java.io.IOException.class, new ErrnoException("close", Errno.EBADF));
    }
}
