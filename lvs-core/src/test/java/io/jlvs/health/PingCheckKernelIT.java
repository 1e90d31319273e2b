package io.jlvs.health;

/** {@link PingCheckLiveTest} again in the VM, on the stock Debian kernel. */
class PingCheckKernelIT extends PingCheckLiveTest {
}
