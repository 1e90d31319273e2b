/**
 * Failover time seen by a client, jLVS against keepalived: from the instant the active director is
 * unplugged to the first answer the client reads from the backup through the VIP, per heartbeat
 * (advert) interval, with jLVS's own timeline of where the time went (issues 6 and 18: at most 3.5
 * intervals, and never slower than keepalived at equal settings). Runs in network namespaces (veth,
 * bridges, AF_PACKET; no IPVS needed), as a scale run and as {@link
 * io.jlvs.bench.failover.FailoverBenchmark}.
 */
package io.jlvs.bench.failover;
