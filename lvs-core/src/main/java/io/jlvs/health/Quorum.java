package io.jlvs.health;

import java.util.Objects;

/**
 * keepalived's quorum: the sum of the weights of a service's up real servers must reach
 * {@code minimumWeight}. With hysteresis h the quorum is lost below {@code minimumWeight - h} and
 * regained at {@code minimumWeight + h} or more, so a weight hovering at the edge does not flap.
 *
 * @param minimumWeight at least 1
 * @param hysteresis    0 or more, below {@code minimumWeight}
 * @param action        what to do on loss and regain
 */
public record Quorum(int minimumWeight, int hysteresis, QuorumAction action) {
    public Quorum {
        if (minimumWeight < 1) {
            throw new IllegalArgumentException("quorum: minimum weight must be at least 1, got " + minimumWeight);
        }
        if (hysteresis < 0) {
            throw new IllegalArgumentException("quorum hysteresis must not be negative, got " + hysteresis);
        }
        if (hysteresis >= minimumWeight) {
            throw new IllegalArgumentException("quorum hysteresis " + hysteresis
                    + " must be below the quorum's minimum weight " + minimumWeight + " (or the quorum could never be lost)");
        }
        Objects.requireNonNull(action, "quorum action");
    }

    /** Whether a service that had its quorum loses it at {@code upWeight}. */
    public boolean lostAt(long upWeight) {
        return upWeight < minimumWeight - hysteresis;
    }

    /** Whether a service without its quorum regains it at {@code upWeight}. */
    public boolean regainedAt(long upWeight) {
        return upWeight >= (long) minimumWeight + hysteresis;
    }
}
