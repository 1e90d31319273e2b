package io.jlvs.sys.internal;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The native memory one thread's calls need, allocated once per thread so that no call allocates:
 * the errno capture state, an int for option values, and a {@code socklen_t} for in/out lengths.
 * One per thread because two threads inside calls at the same time must not share them.
 */
final class CallScratch {
    private final MemorySegment captureState;
    private final MemorySegment intValue;
    private final MemorySegment length;

    CallScratch() {
        // An automatic arena frees this memory once the GC finds it unreachable, i.e. after the thread has
        // ended: that matters with virtual threads, where many short-lived threads each get their own.
        Arena arena = Arena.ofAuto();
        captureState = arena.allocate(FfmLibC.CAPTURE_STATE);
        intValue = arena.allocate(JAVA_INT);
        length = arena.allocate(JAVA_INT);
    }

    /** Where the last call on this thread left errno. */
    MemorySegment captureState() {
        return captureState;
    }

    /** errno as captured right after the last call that used {@link #captureState()}. */
    int errno() {
        return captureState.get(JAVA_INT, FfmLibC.ERRNO_OFFSET);
    }

    /** The option-value int, set to {@code value}. */
    MemorySegment intValue(int value) {
        intValue.set(JAVA_INT, 0, value);
        return intValue;
    }

    /** The option-value int, as a call left it. */
    int intValue() {
        return intValue.get(JAVA_INT, 0);
    }

    /** The socklen_t, set to {@code value}. */
    MemorySegment length(int value) {
        length.set(JAVA_INT, 0, value);
        return length;
    }

    /** The socklen_t, as a call left it. */
    int length() {
        return length.get(JAVA_INT, 0);
    }
}
