package io.jlvs.netlink.route;

/**
 * {@link RouteClientLiveTest} again in the VM, on the stock Debian kernel the directors run on
 * (Surefire runs it on this machine's kernel; Failsafe picks up this class in the guest).
 */
class RouteClientKernelIT extends RouteClientLiveTest {
}
