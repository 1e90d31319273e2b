package io.jlvs.netlink;

import io.jlvs.sys.Errno;

/**
 * What became of one request of a batch.
 *
 * @param request       the request
 * @param status        applied, failed (with errno), or unknown/not sent when the batch broke off
 * @param errno         the kernel's errno for FAILED, else 0
 * @param kernelMessage the kernel's extended-ack text for FAILED, or null
 */
public record Outcome(Request request, Status status, int errno, String kernelMessage) {

    /** Whether the request took effect, as far as the batch can tell. */
    public enum Status {
        /** The kernel acknowledged it: it took effect. */
        APPLIED,
        /** The kernel refused it with {@link #errno()}; nothing of it took effect. */
        FAILED,
        /** Sent, but no answer arrived (the socket broke); it may or may not have taken effect. */
        UNKNOWN,
        /** Not sent because the batch stopped at an earlier failure. */
        NOT_SENT
    }

    public boolean applied() {
        return status == Status.APPLIED;
    }

    @Override
    public String toString() {
        return switch (status) {
            case APPLIED -> request.description() + ": applied";
            case FAILED -> request.description() + ": failed: " + Errno.describe(errno) + " (" + Errno.name(errno) + ")"
                    + (kernelMessage == null ? "" : ": " + kernelMessage);
            case UNKNOWN -> request.description() + ": outcome unknown" + (kernelMessage == null ? "" : " (" + kernelMessage + ")");
            case NOT_SENT -> request.description() + ": not sent" + (kernelMessage == null ? "" : " (" + kernelMessage + ")");
        };
    }
}
