/**
 * Real servers for health-check tests, all on loopback ephemeral ports: TCP with a scripted
 * behaviour per connection, UDP, HTTP(S) with a self-signed certificate that records Host, peer and
 * SNI. Each closes everything it opened, with a bound.
 */
package io.jlvs.health.internal.check.testing;
