package io.jlvs.sys.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;

import io.jlvs.sys.Errno;
import org.junit.jupiter.api.Test;

/** The per-thread native memory of the FFM backend: errno comes back through it, and no two scratches overlap. */
class CallScratchTest {

    @Test
    void errnoOfAFailedCallIsReadFromTheCaptureState() {
        CallScratch scratch = new CallScratch();

        int result = FfmLibC.close(scratch.captureState(), -1);

        assertEquals(-1, result);
        assertEquals(Errno.EBADF, scratch.errno());
    }

    @Test
    void eachScratchHasItsOwnNativeMemory() {
        CallScratch a = new CallScratch();
        CallScratch b = new CallScratch();

        assertTrue(a.captureState().isNative());
        assertNotEquals(a.captureState().address(), b.captureState().address());
        a.intValue(1);
        b.intValue(2);
        assertEquals(1, a.intValue());
    }

    @Test
    void theCapturedErrnoOfOneScratchIsNotOverwrittenByACallUsingAnother() {
        CallScratch first = new CallScratch();
        CallScratch second = new CallScratch();
        FfmLibC.close(first.captureState(), -1);

        try (Arena arena = Arena.ofConfined()) {
            FfmLibC.ifNameToIndex(second.captureState(), arena.allocateFrom("nope0"));
        }

        assertEquals(Errno.EBADF, first.errno());
        assertEquals(Errno.ENODEV, second.errno());
    }
}
