package io.jlvs.bench.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Real servers that refuse: loopback addresses 127.3.x.y on a port nothing listens on, so a connect
 * is answered with a reset. The port is one the kernel handed out for the address and that was then
 * released, so no listener of this host holds it when it is picked.
 */
final class RefusingAddresses {
    /** The second octet of this kind's addresses, 127.3.x.y: the run tells the kinds apart by it. */
    static final byte SECOND_OCTET = 3;

    private RefusingAddresses() {}

    static List<InetSocketAddress> pick(int count) throws IOException {
        if (count < 0 || count > 250 * 250) {
            throw new IllegalArgumentException("refusing address count must be 0..62500, got " + count);
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            InetAddress address = InetAddress.getByAddress(new byte[] {127, SECOND_OCTET, (byte) (i / 250), (byte) (i % 250 + 1)});
            try (ServerSocketChannel ch = ServerSocketChannel.open()) {
                ch.bind(new InetSocketAddress(address, 0));
                out.add((InetSocketAddress) ch.getLocalAddress());
            }
        }
        return out;
    }
}
