package io.jlvs.health;

/**
 * What a monitor wants the kernel to hold for one real server of one service (or, for service-level
 * events, for the service itself: {@link Up} with the up weight, or {@link Removed} when withdrawn).
 */
public sealed interface DesiredState {

    /** In the service, taking connections at {@code weight} (configured, dynamic or a slow-start step). */
    record Up(int weight) implements DesiredState {
        public Up {
            if (weight < 0) {
                throw new IllegalArgumentException("weight must not be negative, got " + weight);
            }
        }

        @Override
        public String toString() {
            return "up weight " + weight;
        }
    }

    /** In the service at weight 0: no new connections, the established ones drain. */
    record Quiesced() implements DesiredState {
        @Override
        public String toString() {
            return "quiesced";
        }
    }

    /** Not in the service. */
    record Removed() implements DesiredState {
        @Override
        public String toString() {
            return "removed";
        }
    }

    DesiredState QUIESCED = new Quiesced();
    DesiredState REMOVED = new Removed();

    static DesiredState up(int weight) {
        return new Up(weight);
    }

    /** Whether the real server is in the kernel's table in this state. */
    default boolean present() {
        return !(this instanceof Removed);
    }

    /** The kernel weight in this state (0 when quiesced or removed). */
    default int weight() {
        return this instanceof Up u ? u.weight() : 0;
    }
}
