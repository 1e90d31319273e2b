/**
 * The director's parts: the narrow ports it needs from configuration, health and failover, the
 * composition of the desired table, the control protocol and server, and metrics. Nothing here is
 * API; {@link io.jlvs.director.Director} is.
 */
package io.jlvs.director.internal;
