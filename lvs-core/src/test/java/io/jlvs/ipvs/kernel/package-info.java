/**
 * Tests of {@link io.jlvs.ipvs.IpvsClient} against a real kernel (run by Failsafe under the
 * {@code kernel-tests} profile, in a VM by scripts/kernel-tests where this machine's kernel has no IPVS).
 * Each test works in a network namespace of its own and checks what it did with an independent
 * witness: what the API wrote, ipvsadm must read back, and what ipvsadm wrote, the API must read back.
 */
package io.jlvs.ipvs.kernel;
