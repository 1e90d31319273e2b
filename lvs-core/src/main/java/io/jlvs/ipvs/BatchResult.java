package io.jlvs.ipvs;

import java.util.List;
import java.util.Optional;

/**
 * What a batch did, operation by operation, in the batch's order: which applied and which did not,
 * and why. A batch is not a transaction: the kernel has no rollback, so what applied stays applied.
 */
public record BatchResult(List<OperationResult> results) {

    public BatchResult {
        results = List.copyOf(results);
    }

    /** The fate of one operation. */
    public enum Status {
        /** The kernel acknowledged it. */
        APPLIED,
        /** The kernel refused it; {@link OperationResult#error()} says why. Nothing of it took effect. */
        FAILED,
        /** Sent, but the answer was lost (socket overflow or timeout): it may or may not have applied. */
        UNKNOWN,
        /** Not sent, because the batch stopped at an earlier failure. */
        NOT_SENT
    }

    /**
     * @param operation the operation
     * @param status    its fate
     * @param error     for FAILED and UNKNOWN, the typed reason; empty otherwise
     */
    public record OperationResult(Operation operation, Status status, Optional<IpvsException> error) {
        @Override
        public String toString() {
            return operation + ": " + switch (status) {
                case APPLIED -> "applied";
                case FAILED -> "failed: " + error.map(Throwable::getMessage).orElse("?");
                case UNKNOWN -> "outcome unknown: " + error.map(Throwable::getMessage).orElse("?");
                case NOT_SENT -> "not sent";
            };
        }
    }

    public boolean allApplied() {
        return results.stream().allMatch(r -> r.status() == Status.APPLIED);
    }

    public long appliedCount() {
        return count(Status.APPLIED);
    }

    public long count(Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** The operations that did not apply (failed, unknown or not sent), in order. */
    public List<OperationResult> notApplied() {
        return results.stream().filter(r -> r.status() != Status.APPLIED).toList();
    }

    /** The first failure, if any. */
    public Optional<OperationResult> firstFailure() {
        return results.stream().filter(r -> r.status() == Status.FAILED || r.status() == Status.UNKNOWN).findFirst();
    }

    /** Throws the first failure's exception, if there was one; a convenience for all-or-report callers. */
    public BatchResult orThrow() {
        firstFailure().flatMap(OperationResult::error).ifPresent(e -> {
            throw e;
        });
        return this;
    }

    @Override
    public String toString() {
        return "BatchResult: " + appliedCount() + " of " + results.size() + " applied"
                + (allApplied() ? "" : ", first failure: " + firstFailure().map(Object::toString).orElse("none"));
    }
}
