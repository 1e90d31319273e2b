/**
 * Link-layer plumbing for failover announcements: Ethernet, ARP and ICMPv6 byte layouts with their
 * checksums, sockaddr_ll, and an AF_PACKET socket bound to one interface of one network namespace.
 * Not API: {@link io.jlvs.failover.Announcer} and {@link io.jlvs.failover.ArpProbe} use it.
 */
package io.jlvs.failover.internal.net;
