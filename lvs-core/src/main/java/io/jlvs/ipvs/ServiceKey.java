package io.jlvs.ipvs;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What identifies a virtual service in the kernel: protocol, address and port, or a firewall mark
 * and an address family. Two services are the same service exactly when their keys are equal; the
 * rest of {@link VirtualService} is settings.
 *
 * <p>{@code toString()} uses ipvsadm's words: "TCP 10.0.0.1:80", "UDP [2001:db8::1]:53", "FWM 5",
 * "FWM 5 IPv6".
 */
public sealed interface ServiceKey permits ServiceKey.Address, ServiceKey.Fwmark {

    /** The service's address family. */
    AddressFamily family();

    /** A TCP service on {@code address:port}. */
    static Address tcp(InetAddress address, int port) {
        return new Address(Protocol.TCP, address, port);
    }

    /** A UDP service on {@code address:port}. */
    static Address udp(InetAddress address, int port) {
        return new Address(Protocol.UDP, address, port);
    }

    /** An SCTP service on {@code address:port}. */
    static Address sctp(InetAddress address, int port) {
        return new Address(Protocol.SCTP, address, port);
    }

    /** A firewall-mark service; {@code mark} is read as unsigned 32-bit and must not be 0. */
    static Fwmark fwmark(int mark, AddressFamily family) {
        return new Fwmark(mark, family);
    }

    /**
     * A service by protocol, address and port. Port 0 matches every port; ipvsadm allows it only
     * for persistent services, the kernel does not check, and neither does this type.
     */
    record Address(Protocol protocol, InetAddress address, int port) implements ServiceKey {
        public Address {
            Objects.requireNonNull(protocol, "protocol");
            address = Addresses.normalize(address, "address");
            Checks.port(port, "service port");
        }

        @Override
        public AddressFamily family() {
            return AddressFamily.of(address);
        }

        @Override
        public String toString() {
            return protocol + " " + Addresses.endpoint(address, port);
        }
    }

    /**
     * A service by firewall mark (iptables/nftables MARK), for one address family. The kernel's mark
     * is a u32: {@code mark} holds its bits, so marks above 0x7FFFFFFF are negative ints; use
     * {@link #unsignedMark()} or {@code Integer.toUnsignedString} to show them. 0 is not a mark.
     */
    record Fwmark(int mark, AddressFamily family) implements ServiceKey {
        public Fwmark {
            if (mark == 0) {
                throw new IllegalArgumentException("firewall mark 0 is not a mark (1..4294967295)");
            }
            Objects.requireNonNull(family, "family");
        }

        /** The mark as the unsigned number the kernel and ipvsadm show. */
        public long unsignedMark() {
            return Integer.toUnsignedLong(mark);
        }

        @Override
        public String toString() {
            String text = "FWM " + Integer.toUnsignedString(mark);
            return family == AddressFamily.INET6 ? text + " IPv6" : text;
        }
    }
}
