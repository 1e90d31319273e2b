/**
 * The rtnetlink wire format: uapi constants and the codec that turns links, addresses and neighbours
 * into messages and back, each attribute layout declared once. Not API: use {@link io.jlvs.netlink.route.RouteClient}.
 */
package io.jlvs.netlink.route.internal;
