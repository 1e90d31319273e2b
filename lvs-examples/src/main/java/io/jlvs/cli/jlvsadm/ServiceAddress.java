package io.jlvs.cli.jlvsadm;

import io.jlvs.ipvs.Protocol;
import java.net.InetAddress;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * ipvsadm's parse_service: "host[:port]" for -t, -u, --sctp-service and -r. The host is an IPv6
 * literal (in brackets when a port follows), an IPv4 address as inet_aton reads it, or a name
 * (IPv4 only); the port is a number or a service name of the protocol given. ipvsadm's quirks are
 * kept: a word of digits only is refused, and a bracketed IPv4 address loses its port.
 */
final class ServiceAddress {
    private ServiceAddress() {}

    /** What was found: the address, and the port if one was given. */
    record Parsed(InetAddress address, OptionalInt port) {}

    /**
     * @param protocol whose service names the port may use; null for none
     * @return null where ipvsadm's parse_service finds no address (SERVICE_NONE)
     */
    static Parsed parse(String text, Protocol protocol, ServicesDatabase services) {
        if (text == null || isAllDigits(text)) {
            return null;
        }
        String host = text;
        String portPart = null; // from the ':' on, like ipvsadm's portp
        if (host.startsWith("[")) {
            host = host.substring(1);
            int close = host.indexOf(']');
            if (close < 0) {
                return null;
            }
            String after = host.substring(close + 1);
            host = host.substring(0, close);
            if (!after.startsWith(":")) {
                return null;
            }
            portPart = after;
        }
        InetAddress address = InetParser.inetPton6(host);
        if (address == null) {
            int colon = host.lastIndexOf(':');
            portPart = colon < 0 ? null : host.substring(colon);
            if (colon >= 0) {
                host = host.substring(0, colon);
            }
            address = InetParser.inetAton(host);
            if (address == null) {
                address = InetParser.hostToAddress(host);
            }
            if (address == null) {
                return null;
            }
        }
        if (portPart == null) {
            return new Parsed(address, OptionalInt.empty());
        }
        String port = portPart.substring(1);
        OptionalLong number = CNumbers.toNumber(port, 0, 0xFFFF);
        if (number.isPresent()) {
            return new Parsed(address, OptionalInt.of((int) number.getAsLong()));
        }
        OptionalInt named = services.port(port, protocol);
        return named.isPresent() ? new Parsed(address, named) : null;
    }

    private static boolean isAllDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!CNumbers.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
