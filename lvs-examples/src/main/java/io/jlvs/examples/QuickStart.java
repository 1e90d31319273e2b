package io.jlvs.examples;

import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;

/**
 * The README's example, compiled with the project so that it cannot go stale: a VIP with three real
 * servers behind NAT, then the table as the kernel reports it.
 */
public final class QuickStart {
    private QuickStart() {}

    public static void main(String[] args) throws Exception {
        try (IpvsClient ipvs = IpvsClient.open()) {
            ServiceKey vip = ServiceKey.tcp(InetAddress.getByName("10.23.8.80"), 80);
            ipvs.addService(VirtualService.builder(vip).scheduler(Scheduler.WLC).build());
            for (String rs : new String[] {"192.168.1.2", "192.168.1.3", "192.168.1.4"}) {
                ipvs.addRealServer(vip, RealServer.builder(InetAddress.getByName(rs), 80).masquerade().weight(1).build());
            }
            ipvs.realServers(vip).forEach(System.out::println);
        }
    }
}
