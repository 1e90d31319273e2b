/**
 * Failover time: from the active director's last heartbeat to the backup answering on the VIP,
 * against the heartbeat interval (issue 6: at most 3.5 intervals). Runs in network namespaces
 * (veth, bridges, AF_PACKET; no IPVS needed), as a scale run and as {@link
 * io.jlvs.bench.failover.FailoverBenchmark}.
 */
package io.jlvs.bench.failover;
