package io.jlvs.cli.jlvsadm;

import io.jlvs.ipvs.Protocol;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;

/**
 * How a listing shows addresses and ports: as numbers ({@code -n}), or as ipvsadm does without it,
 * by host name (reverse lookup through the system resolver, /etc/hosts and DNS as nsswitch.conf
 * says) and service name (/etc/services), each falling back to the number.
 */
abstract class Names {
    /** Numbers only, as with -n. */
    static Names numeric() {
        return new Numeric();
    }

    /** Names where the system has them, as ipvsadm without -n. */
    static Names resolving(ServicesDatabase services) {
        return new Resolving(services);
    }

    /** The address as a host name or number. */
    abstract String host(InetAddress address);

    /** The port as a service name of {@code protocol} (null for a firewall-mark service: never a name) or number. */
    abstract String port(int port, Protocol protocol);

    /**
     * ipvsadm's addrport_to_anyname: "host:port", "[host]:port" for IPv6, cut to 59 characters as
     * ipvsadm's 60-byte buffer cuts it.
     */
    final String endpoint(InetAddress address, int port, Protocol protocol) {
        boolean v4 = address instanceof Inet4Address;
        String text = (v4 ? "" : "[") + host(address) + (v4 ? "" : "]") + ":" + port(port, protocol);
        return text.length() > 59 ? text.substring(0, 59) : text;
    }

    private static final class Numeric extends Names {
        @Override
        String host(InetAddress address) {
            return InetNtop.format(address);
        }

        @Override
        String port(int port, Protocol protocol) {
            return Integer.toString(port);
        }
    }

    private static final class Resolving extends Names {
        private final ServicesDatabase services;
        private final Map<InetAddress, String> hosts = new HashMap<>();

        Resolving(ServicesDatabase services) {
            this.services = services;
        }

        @Override
        String host(InetAddress address) {
            return hosts.computeIfAbsent(address, Resolving::lookUp);
        }

        /** gethostbyaddr's name, or the number when there is none (Java then returns the literal it started from). */
        private static String lookUp(InetAddress address) {
            try {
                // A fresh object without a cached name; an IPv4-mapped IPv6 address stays IPv6.
                InetAddress target = address instanceof Inet4Address
                        ? InetAddress.getByAddress(address.getAddress())
                        : Inet6Address.getByAddress(null, address.getAddress(), -1);
                String name = target.getHostName();
                return name.equals(target.getHostAddress()) ? InetNtop.format(address) : name;
            } catch (UnknownHostException | SecurityException e) {
                return InetNtop.format(address);
            }
        }

        @Override
        String port(int port, Protocol protocol) {
            String name = services.name(port, protocol);
            return name != null ? name : Integer.toString(port);
        }
    }
}
