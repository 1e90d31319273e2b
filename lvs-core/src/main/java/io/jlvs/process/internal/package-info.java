/**
 * Running the operator's programs (health check programs, notify hooks, quorum commands): one
 * {@link io.jlvs.process.internal.ProcessRunner} with argv and no shell, a timeout, bounded output and
 * the whole process group killed on every way out. Not API.
 *
 * <p>Where it sits: beside {@code io.jlvs.netlink}, below everything else, depending on the JDK and
 * slf4j only. Health ({@code io.jlvs.health}) and failover ({@code io.jlvs.failover}) are siblings
 * that must not depend on each other; both use this package and nothing here knows either of them, so
 * the layers still point one way.
 */
package io.jlvs.process.internal;
