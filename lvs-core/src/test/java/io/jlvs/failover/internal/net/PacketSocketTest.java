package io.jlvs.failover.internal.net;

import static io.jlvs.sys.LinuxConstants.AF_PACKET;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.sys.Syscalls;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order of calls that keeps another interface's frames out of a packet socket (no kernel). */
class PacketSocketTest {
    private static final int ETH_P_ARP = 0x0806;

    @Test
    void theSocketReceivesNothingUntilItIsBoundToItsInterfaceAndEtherType() throws Exception {
        List<String> calls = new ArrayList<>();
        Syscalls sys = (Syscalls) Proxy.newProxyInstance(Syscalls.class.getClassLoader(), new Class<?>[] {Syscalls.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "socket" -> calls.add("socket(" + args[0] + "," + args[2] + ")");
                        case "bind" -> {
                            ByteBuffer sll = (ByteBuffer) args[1];
                            int protocol = ((sll.get(2) & 0xff) << 8) | (sll.get(3) & 0xff); // sll_protocol, network order
                            int ifindex = sll.order(java.nio.ByteOrder.nativeOrder()).getInt(4);
                            calls.add("bind(protocol=0x" + Integer.toHexString(protocol) + ",ifindex=" + ifindex + ")");
                        }
                        default -> {
                        }
                    }
                    return method.getReturnType() == int.class ? (Object) (method.getName().equals("socket") ? 5 : 0) : null;
                });

        try (PacketSocket s = PacketSocket.open(sys, NetworkNamespace.current(), "eth1", 7, ETH_P_ARP, Duration.ofMillis(100))) {
            // Protocol 0: receives nothing from any interface before bind(2) names ours and the EtherType.
            assertEquals(List.of("socket(" + AF_PACKET + ",0)", "bind(protocol=0x806,ifindex=7)"), calls);
        }
    }
}
