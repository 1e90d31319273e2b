package io.jlvs.failover.internal.heartbeat;

import java.time.Instant;

/** Time for a node: monotonic nanoseconds for deadlines, the wall clock for timestamps and events. */
public interface NodeClock {
    long nanoTime();

    Instant now();

    /** The JVM's clocks. */
    static NodeClock system() {
        return new NodeClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Instant now() {
                return Instant.now();
            }
        };
    }
}
