/**
 * The scale-run harness: {@link io.jlvs.bench.scale.ScaleRun}s measure jLVS against a peer in the same
 * run (ipvsadm, keepalived, the netlink round-trip floor), each {@link io.jlvs.bench.scale.Result} carries
 * its ratio and goal, and {@link io.jlvs.bench.scale.ScaleMain} prints one line per result and writes
 * them as JSON so that commits can be compared. Not tests: a missed goal is reported, never asserted.
 */
package io.jlvs.bench.scale;
