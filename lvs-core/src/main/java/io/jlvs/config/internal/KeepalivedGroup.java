package io.jlvs.config.internal;

import io.jlvs.config.internal.KeepalivedSyntax.Node;
import io.jlvs.ipvs.AddressFamily;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The members of a keepalived {@code virtual_server_group}: {@code VIP [PORT]}, address ranges
 * ({@code 10.0.0.1-10}, {@code 10.0.0.250-10.0.1.5}, {@code 10.0.0.8/29}, IPv6 alike with the last
 * group in hexadecimal) and {@code fwmark N [inet|inet6]}. lvs.cf has no groups: each member becomes
 * a virtual block of its own with the group's servers and check.
 */
final class KeepalivedGroup {
    /** A range may name at most this many addresses; past it a typo would import thousands of services. */
    static final int MAX_RANGE = 256;

    /** One kernel service of a group: an address and port, or a firewall mark of a family. */
    record Member(InetAddress address, int port, long fwmark, AddressFamily fwmarkFamily, int line) {}

    private KeepalivedGroup() {}

    /** The members of a group's block, in order; a line that cannot be read is an error naming it. */
    static List<Member> members(Node group, Problems problems) {
        List<Member> members = new ArrayList<>();
        for (Node n : group.children()) {
            try {
                members.addAll(member(n));
            } catch (IllegalArgumentException e) {
                problems.error(n.line(), n.name(), e.getMessage());
            }
        }
        if (members.isEmpty()) {
            problems.error(group.line(), "virtual_server_group", "group " + name(group) + " has no members");
        }
        return members;
    }

    static String name(Node group) {
        return group.args().isEmpty() ? "" : group.args().get(0);
    }

    private static List<Member> member(Node n) {
        if (n.isBlock()) {
            throw new IllegalArgumentException("a group member is one line, not a block");
        }
        if (n.name().equals("fwmark")) {
            if (n.args().isEmpty() || n.args().size() > 2) {
                throw new IllegalArgumentException("expected 'fwmark N [inet|inet6]'");
            }
            AddressFamily family = AddressFamily.INET;
            if (n.args().size() == 2) {
                family = switch (n.args().get(1)) {
                    case "inet" -> AddressFamily.INET;
                    case "inet6" -> AddressFamily.INET6;
                    default -> throw new IllegalArgumentException("family must be inet or inet6, got '"
                            + n.args().get(1) + "'");
                };
            }
            return List.of(new Member(null, 0, Values.integer(n.args().get(0), 1L, 0xFFFF_FFFFL), family, n.line()));
        }
        if (n.args().size() > 1) {
            throw new IllegalArgumentException("expected 'ADDRESS [PORT]' or 'RANGE [PORT]'");
        }
        int port = n.args().isEmpty() ? 0 : Values.integer(n.args().get(0), 1, 65535);
        List<Member> members = new ArrayList<>();
        for (InetAddress a : range(n.name())) {
            members.add(new Member(a, port, 0, null, n.line()));
        }
        return members;
    }

    /** The addresses of one address, "A-LAST", "A-B" or "A/PREFIX", both ends included. */
    static List<InetAddress> range(String text) {
        BigInteger first;
        BigInteger last;
        int bytes;
        int slash = text.indexOf('/');
        int dash = text.indexOf('-');
        if (slash >= 0) {
            InetAddress a = Values.address(text.substring(0, slash));
            bytes = a.getAddress().length;
            int prefix = Values.integer(text.substring(slash + 1), 0, bytes * 8);
            BigInteger hostMask = BigInteger.ONE.shiftLeft(bytes * 8 - prefix).subtract(BigInteger.ONE);
            first = new BigInteger(1, a.getAddress()).andNot(hostMask);
            last = first.or(hostMask);
        } else if (dash >= 0) {
            InetAddress a = Values.address(text.substring(0, dash));
            bytes = a.getAddress().length;
            first = new BigInteger(1, a.getAddress());
            String end = text.substring(dash + 1);
            if (end.contains(".") || end.contains(":")) {
                InetAddress b = Values.address(end);
                if (b.getAddress().length != bytes) {
                    throw new IllegalArgumentException("range " + text + " mixes IPv4 and IPv6");
                }
                last = new BigInteger(1, b.getAddress());
            } else {
                // the last octet (IPv4, decimal) or the last group (IPv6, hexadecimal), as keepalived reads it
                int bits = bytes == 4 ? 8 : 16;
                long value;
                try {
                    value = Long.parseLong(end, bytes == 4 ? 10 : 16);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("range " + text + " does not end in a number");
                }
                if (value >= 1L << bits) {
                    throw new IllegalArgumentException("range " + text + " ends past the last " + (bytes == 4
                            ? "octet" : "group"));
                }
                last = first.shiftRight(bits).shiftLeft(bits).or(BigInteger.valueOf(value));
            }
        } else {
            return List.of(Values.address(text));
        }
        if (last.compareTo(first) < 0) {
            throw new IllegalArgumentException("range " + text + " ends before it starts");
        }
        BigInteger count = last.subtract(first).add(BigInteger.ONE);
        if (count.compareTo(BigInteger.valueOf(MAX_RANGE)) > 0) {
            throw new IllegalArgumentException("range " + text + " names " + count + " addresses; jLVS imports at most "
                    + MAX_RANGE + " per line (one virtual block each)");
        }
        List<InetAddress> result = new ArrayList<>();
        for (BigInteger i = first; i.compareTo(last) <= 0; i = i.add(BigInteger.ONE)) {
            result.add(toAddress(i, bytes));
        }
        return result;
    }

    private static InetAddress toAddress(BigInteger value, int bytes) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[bytes];
        int n = Math.min(raw.length, bytes);
        System.arraycopy(raw, raw.length - n, out, bytes - n, n);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: 4 or 16 bytes
        }
    }
}
