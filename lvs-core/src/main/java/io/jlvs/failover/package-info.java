/**
 * Failover between directors: authenticated UDP heartbeats on every path, a role machine (INIT,
 * BACKUP, ACTIVE, FAULT) that elects one active node by priority, and the takeover that follows the
 * role (floating addresses, announcements, services, connection sync, notify hooks).
 *
 * <p>Start with {@link io.jlvs.failover.FailoverConfig} and {@link io.jlvs.failover.FailoverNode};
 * react to roles with a {@link io.jlvs.failover.RoleListener}, usually a {@link io.jlvs.failover.Takeover}.
 */
package io.jlvs.failover;
