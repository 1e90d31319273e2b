package io.jlvs.health.internal.check;

import static io.jlvs.sys.LinuxConstants.AF_INET;
import static io.jlvs.sys.LinuxConstants.AF_INET6;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * {@code struct sockaddr_in} and {@code struct sockaddr_in6} ({@code <netinet/in.h>}) for the syscall
 * layer: the family in host byte order, port and address in network order.
 */
final class InetSockaddr {
    static final int IN_SIZE = 16;
    static final int IN6_SIZE = 28;

    private InetSockaddr() {}

    /** A direct buffer holding {@code address} with port 0 (and the scope of a link-local IPv6 address). */
    static ByteBuffer of(InetAddress address) {
        boolean v6 = address instanceof Inet6Address;
        ByteBuffer sa = ByteBuffer.allocateDirect(v6 ? IN6_SIZE : IN_SIZE).order(ByteOrder.nativeOrder());
        sa.putShort(0, (short) (v6 ? AF_INET6 : AF_INET));
        if (v6) {
            sa.put(8, address.getAddress());
            sa.putInt(24, ((Inet6Address) address).getScopeId());
        } else {
            sa.put(4, address.getAddress());
        }
        return sa;
    }

    static int size(InetAddress address) {
        return address instanceof Inet6Address ? IN6_SIZE : IN_SIZE;
    }

    /** A buffer recvfrom(2) can fill with either family. */
    static ByteBuffer buffer() {
        return ByteBuffer.allocateDirect(IN6_SIZE).order(ByteOrder.nativeOrder());
    }

    /** Whether the sockaddr in {@code sa} names {@code address} (port and scope aside). */
    static boolean names(ByteBuffer sa, InetAddress address) {
        byte[] want = address.getAddress();
        int family = sa.getShort(0);
        if (family == AF_INET && want.length == 4) {
            return Arrays.equals(bytes(sa, 4, 4), want);
        }
        if (family == AF_INET6 && want.length == 16) {
            return Arrays.equals(bytes(sa, 8, 16), want);
        }
        return false;
    }

    private static byte[] bytes(ByteBuffer sa, int at, int n) {
        byte[] b = new byte[n];
        sa.get(at, b);
        return b;
    }
}
