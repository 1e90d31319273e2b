package io.jlvs.health.internal;

import io.jlvs.health.DesiredState;
import io.jlvs.health.FailureAction;
import io.jlvs.health.HealthPolicy;
import io.jlvs.health.ProbeResult;
import io.jlvs.health.WatchedServer;
import java.time.Duration;
import java.time.Instant;

/** The health of one real server within one service: counters, target weight, slow-start ramp. */
final class ServerTrack {
    WatchedServer watched;
    HealthPolicy policy;
    ServiceTrack service;
    boolean healthy;
    int consecutiveUp;
    int consecutiveDown;
    Integer dynamicWeight;
    ProbeResult lastResult;
    DesiredState desired;
    Instant rampStart;
    int rampStep;

    ServerTrack(WatchedServer watched, HealthPolicy policy, ServiceTrack service) {
        this.watched = watched;
        this.service = service;
        this.policy = policy;
        this.healthy = policy.startUp();
        this.desired = computeDesired();
    }

    ProbeKey probeKey() {
        return new ProbeKey(watched.target(), watched.check());
    }

    /** The weight an up server should have when not ramping: dynamic if the check asked, else configured. */
    int targetWeight() {
        return dynamicWeight != null ? dynamicWeight : watched.server().weight();
    }

    /** Counts one result; returns whether healthy flipped. */
    boolean count(ProbeResult result, Instant now) {
        lastResult = result;
        if (result.up()) {
            consecutiveUp++;
            consecutiveDown = 0;
            dynamicWeight = result.weight().isPresent() ? Math.max(0, result.weight().getAsInt()) : null;
        } else {
            consecutiveDown++;
            consecutiveUp = 0;
        }
        if (!healthy && consecutiveUp >= policy.rise()) {
            healthy = true;
            if (!policy.slowStart().isZero() && policy.slowStartSteps() > 1) {
                rampStart = now;
                rampStep = 1;
            }
            return true;
        }
        if (healthy && consecutiveDown >= policy.fall()) {
            healthy = false;
            rampStart = null;
            return true;
        }
        return false;
    }

    /** When the next slow-start step is due, or null when not ramping. */
    Instant nextRampStep() {
        if (rampStart == null) {
            return null;
        }
        return rampStart.plus(stepLength().multipliedBy(rampStep));
    }

    /** Failing, but not yet {@code fall} times in a row: the next probe is a retry. */
    boolean retrying() {
        return healthy && consecutiveDown > 0 && consecutiveDown < policy.fall();
    }

    /** Advances the ramp to {@code now}; returns whether the step changed. */
    boolean advanceRamp(Instant now) {
        if (rampStart == null) {
            return false;
        }
        Instant next = nextRampStep();
        if (now.isBefore(next)) {
            return false;
        }
        long elapsedSteps = Duration.between(rampStart, now).toNanos() / Math.max(1, stepLength().toNanos());
        rampStep = (int) Math.min(policy.slowStartSteps(), elapsedSteps + 1);
        if (rampStep >= policy.slowStartSteps()) {
            rampStart = null;
        }
        return true;
    }

    private Duration stepLength() {
        return policy.slowStart().dividedBy(policy.slowStartSteps());
    }

    /** The state this server should be in now. */
    DesiredState computeDesired() {
        if (!healthy) {
            return watched.onFailure().orElse(policy.onFailure()) == FailureAction.QUIESCE
                    ? DesiredState.QUIESCED : DesiredState.REMOVED;
        }
        int target = targetWeight();
        if (rampStart == null) {
            return DesiredState.up(target);
        }
        // Step k of S gets ceil(target * k / S), and at least 1 so a ramping server takes some traffic.
        long w = ((long) target * rampStep + policy.slowStartSteps() - 1) / policy.slowStartSteps();
        return DesiredState.up((int) Math.max(target == 0 ? 0 : 1, w));
    }

    String rampNote() {
        return rampStart == null ? "slow start done" : "slow start " + rampStep + "/" + policy.slowStartSteps();
    }
}
