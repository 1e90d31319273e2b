package io.jlvs.failover;

/**
 * {@link FailbackLiveTest} in the VM, on the stock Debian kernel the directors run on and under the
 * emulator's stalls (Surefire runs it on this machine's kernel; Failsafe picks up this class in the guest).
 */
class FailbackKernelIT extends FailbackLiveTest {
}
