/**
 * The machinery behind {@link io.jlvs.failover.FailoverNode}: the heartbeat wire format and its
 * HMAC, replay protection, per-path liveness, the pure role machine and the UDP transport. Not an
 * API: everything here may change.
 */
package io.jlvs.failover.internal.heartbeat;
