/**
 * Netlink, and nothing IPVS-specific: sockets, message framing, attributes described once for both
 * directions, generic-netlink family lookup, and one receive loop shared by requests, dumps and
 * batches (replies matched by sequence number). Higher layers (io.jlvs.ipvs, rtnetlink) build
 * {@link io.jlvs.netlink.Request}s and decode {@link io.jlvs.netlink.Message}s.
 */
package io.jlvs.netlink;
