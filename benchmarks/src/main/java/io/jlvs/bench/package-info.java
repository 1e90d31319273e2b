/**
 * JMH benchmarks of jLVS: what one syscall costs through each {@link io.jlvs.sys.Syscalls} backend, a
 * netlink round trip with the generic netlink controller (runs on any Linux), and an IPVS GET_INFO round
 * trip (needs IPVS); the codec benchmarks are in {@code io.jlvs.bench.codec}, the scale runs against
 * ipvsadm and keepalived in {@code io.jlvs.bench.scale} and {@code io.jlvs.bench.table}.
 * {@link io.jlvs.bench.BenchmarkMain} runs the JMH ones with the JVM flags each backend needs.
 */
package io.jlvs.bench;
