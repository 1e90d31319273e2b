/**
 * rtnetlink from Java, without the {@code ip} tool: list network interfaces, list, add and delete
 * interface addresses (floating VIPs with their netmask and an alias label such as {@code eth0:1}), and
 * read the neighbour (ARP / NDP) table. {@link io.jlvs.netlink.route.RouteClient} is the entry point;
 * failures are {@link io.jlvs.netlink.route.RouteException}s that say what to fix.
 */
package io.jlvs.netlink.route;
