/**
 * jLVS: the IPVS, generic netlink and rtnetlink clients, health checks, failover and the director.
 *
 * <p>What a user of the IPVS client alone needs is required here: jLVS's syscalls and slf4j-api. The
 * rest is {@code requires static} (optional Maven dependencies): health checks that use dnsjava or
 * Commons Net, the director's control socket (Jackson), metrics (Prometheus) and lvs.cf's address
 * literals (Guava). Code that needs one of them names the missing library when it is absent
 * (see docs/dependencies.md); on the module path, add it with {@code --add-modules}.
 *
 * <p>Only the packages below are API. The {@code internal} packages are exported to jLVS's own
 * programs ({@code io.jlvs.cli}) where they need them, and to nobody else.
 */
module io.jlvs.core {
    requires transitive io.jlvs.sys;
    requires org.slf4j;
    requires jdk.net;

    requires static com.fasterxml.jackson.databind;
    requires static com.google.common;
    requires static io.prometheus.metrics.core;
    requires static io.prometheus.metrics.exporter.httpserver;
    requires static io.prometheus.metrics.model;
    requires static org.apache.commons.net;
    requires static org.dnsjava;

    exports io.jlvs.config;
    exports io.jlvs.director;
    exports io.jlvs.failover;
    exports io.jlvs.health;
    exports io.jlvs.ipvs;
    exports io.jlvs.netlink;
    exports io.jlvs.netlink.route;

    exports io.jlvs.director.internal to io.jlvs.cli;

    // Jackson writes the control socket's answers from the director's records.
    opens io.jlvs.director to com.fasterxml.jackson.databind;
    opens io.jlvs.director.internal to com.fasterxml.jackson.databind;
}
