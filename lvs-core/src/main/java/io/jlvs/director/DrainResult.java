package io.jlvs.director;

import java.time.Duration;

/**
 * How a drain ended: the server was set to weight 0, its active connections were waited for, and
 * then it was taken out.
 *
 * @param drained           true when active connections reached 0 before the timeout
 * @param activeConnections active connections left when it was taken out
 * @param waited            how long the drain waited
 */
public record DrainResult(boolean drained, int activeConnections, Duration waited) {
}
