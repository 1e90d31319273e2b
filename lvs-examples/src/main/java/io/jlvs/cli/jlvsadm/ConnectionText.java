package io.jlvs.cli.jlvsadm;

import io.jlvs.ipvs.Protocol;
import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.sys.Syscalls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * ipvsadm -L -c: the kernel's connection table (/proc/net/ip_vs_conn, which has no netlink
 * counterpart) reformatted as ipvsadm's list_conn and print_conn do: "pro expire state source virtual
 * destination", expiry as mm:ss, addresses and ports through {@link Names}.
 */
final class ConnectionText {
    private final boolean persistent;
    private final Names names;

    ConnectionText(boolean persistentConn, Names names) {
        this.persistent = persistentConn;
        this.names = names;
    }

    /**
     * The lines of /proc/net/ip_vs_conn as seen from {@code namespace}: read on a thread inside it, since
     * /proc/thread-self/net shows the reading thread's network namespace.
     */
    static List<String> read(NetworkNamespace namespace) {
        if (namespace.isCurrent()) {
            return readLines(Path.of("/proc/net/ip_vs_conn"));
        }
        return namespace.call(Syscalls.system(), () -> readLines(Path.of("/proc/thread-self/net/ip_vs_conn")));
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open file /proc/net/ip_vs_conn: " + e.getMessage(), e);
        }
    }

    /** The listing of the file's lines (its first line, the kernel's header, is skipped). */
    String format(List<String> procLines) {
        StringBuilder out = new StringBuilder("IPVS connection entries\n");
        if (persistent) {
            // "pro expire %-11s %-18s %-18s %-18s %-16s %s\n"
            out.append("pro expire ").append(TableText.left("state", 11)).append(' ').append(TableText.left("source", 18))
                    .append(' ').append(TableText.left("virtual", 18)).append(' ').append(TableText.left("destination", 18))
                    .append(' ').append(TableText.left("pe name", 16)).append(" pe_data\n");
        } else {
            out.append("pro expire ").append(TableText.left("state", 11)).append(' ').append(TableText.left("source", 18))
                    .append(' ').append(TableText.left("virtual", 18)).append(" destination\n");
        }
        for (String line : procLines.subList(Math.min(1, procLines.size()), procLines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 9) {
                continue;
            }
            out.append(connection(f));
        }
        return out.toString();
    }

    /** print_conn: "%-3s %-6s %-11s %-18s %-18s %s\n" (with pe name and data: two more columns). */
    private String connection(String[] f) {
        Protocol protocol = switch (f[0]) {
            case "TCP" -> Protocol.TCP;
            case "UDP" -> Protocol.UDP;
            case "SCTP" -> Protocol.SCTP;
            default -> null;
        };
        String client = endpoint(f[1], f[2], protocol);
        String virtual = endpoint(f[3], f[4], protocol);
        String destination = endpoint(f[5], f[6], protocol);
        long expires = Long.parseLong(f[8]);
        String expire = String.format("%02d:%02d", expires / 60, expires % 60);
        StringBuilder out = new StringBuilder().append(TableText.left(f[0], 3)).append(' ').append(TableText.left(expire, 6))
                .append(' ').append(TableText.left(f[7], 11)).append(' ').append(TableText.left(client, 18))
                .append(' ').append(TableText.left(virtual, 18)).append(' ');
        if (persistent && f.length >= 11) {
            out.append(TableText.left(destination, 18)).append(' ').append(TableText.left(f[9], 16)).append(' ').append(f[10]);
        } else {
            out.append(destination);
        }
        return out.append('\n').toString();
    }

    /** An address as the kernel writes it (IPv6 text, or IPv4 as 8 hex digits) and a hex port. */
    private String endpoint(String address, String hexPort, Protocol protocol) {
        InetAddress a = InetParser.inetPton6(address);
        if (a == null) {
            a = InetParser.inetPton4(address);
        }
        if (a == null) {
            long v = Long.parseLong(address, 16);
            try {
                a = InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
        return names.endpoint(a, Integer.parseInt(hexPort, 16), protocol);
    }
}
