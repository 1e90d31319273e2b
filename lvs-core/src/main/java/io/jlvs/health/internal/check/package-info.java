/**
 * The machinery behind the health checks of {@link io.jlvs.health}: deadlines that bound a whole
 * answer, sockets bound to a source address, an HTTP/1.1 exchange on plain sockets, escapes, and the
 * mapping of failures to reasons an operator reads. Not API: the check records are.
 */
package io.jlvs.health.internal.check;
