package io.jlvs.failover;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One step of a role change as {@link Takeover} ran it, for a failover's timeline: when it began on the
 * wall clock, how long it took, and whether it succeeded.
 *
 * @param name  e.g. "take addresses", "announce addresses"
 * @param began when it began (wall clock, comparable with {@link RoleChange#time()})
 * @param took  how long it ran (monotonic)
 * @param done  false when it failed (see {@link Takeover#failures()})
 */
public record TakeoverStep(String name, Instant began, Duration took, boolean done) {
    public TakeoverStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(began, "began");
        Objects.requireNonNull(took, "took");
    }

    /** When it ended: {@link #began} plus {@link #took}. */
    public Instant ended() {
        return began.plus(took);
    }
}
