/**
 * Health checking: {@link io.jlvs.health.HealthCheck}s probe real servers, and a
 * {@link io.jlvs.health.HealthMonitor} turns their results, under each service's
 * {@link io.jlvs.health.HealthPolicy} (rise/fall, quiesce or remove, slow start, sorry server, quorum),
 * into the state each real server should have, published as {@link io.jlvs.health.HealthEvent}s and
 * applied by an {@link io.jlvs.health.Actuator} ({@link io.jlvs.health.IpvsActuator} for the kernel).
 * The package talks to the kernel only through {@code io.jlvs.ipvs}.
 */
package io.jlvs.health;
