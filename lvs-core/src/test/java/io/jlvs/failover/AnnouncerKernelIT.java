package io.jlvs.failover;

/** {@link AnnouncerLiveTest} again in the VM, on the stock Debian kernel (veth as a module there). */
class AnnouncerKernelIT extends AnnouncerLiveTest {
}
