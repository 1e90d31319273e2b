package io.jlvs.director.internal;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.ServiceKey;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Reads back what {@link ServiceKey#toString()} writes ("TCP 10.0.0.1:80", "UDP [2001:db8::1]:53",
 * "FWM 5", "FWM 5 IPv6"), for the state file of {@link OwnedServices}.
 */
final class ServiceKeyText {
    private ServiceKeyText() {
    }

    /** @throws IllegalArgumentException when {@code text} is not a key as toString() writes it */
    static ServiceKey parse(String text) {
        String[] words = text.split(" ");
        if (words.length >= 2 && words[0].equals("FWM")) {
            if (words.length > 3 || (words.length == 3 && !words[2].equals("IPv6"))) {
                throw new IllegalArgumentException("not a service: '" + text + "'");
            }
            int mark = Integer.parseUnsignedInt(words[1]);
            return ServiceKey.fwmark(mark, words.length == 3 ? AddressFamily.INET6 : AddressFamily.INET);
        }
        if (words.length != 2) {
            throw new IllegalArgumentException("not a service: '" + text + "'");
        }
        Protocol protocol = Protocol.valueOf(words[0].toUpperCase(Locale.ROOT));
        String endpoint = words[1];
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a service: '" + text + "'");
        }
        String host = endpoint.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("not a service: '" + text + "'");
        }
        if (!host.matches("[0-9A-Fa-f.:]+")) {
            // A literal only: a name would make reading the state file wait for DNS.
            throw new IllegalArgumentException("not an address: '" + host + "'");
        }
        try {
            return new ServiceKey.Address(protocol, InetAddress.getByName(host), Integer.parseInt(endpoint.substring(colon + 1)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: '" + host + "'", e);
        }
    }
}
