package io.jlvs.failover;

/** {@link ArpProbeLiveTest} again in the VM, on the stock Debian kernel. */
class ArpProbeKernelIT extends ArpProbeLiveTest {
}
