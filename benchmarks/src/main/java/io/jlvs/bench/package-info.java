/**
 * JMH benchmarks of jLVS: what one syscall costs through each {@link io.jlvs.sys.Syscalls} backend, a
 * netlink round trip with the generic netlink controller (runs on any Linux), and an IPVS GET_INFO round
 * trip (needs IPVS). {@link io.jlvs.bench.BenchmarkMain} runs them with the JVM flags each backend needs.
 */
package io.jlvs.bench;
