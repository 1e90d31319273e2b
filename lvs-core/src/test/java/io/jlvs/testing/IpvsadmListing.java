package io.jlvs.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rows of an {@code ipvsadm -L} listing ({@code -Ln}, {@code -Ln --stats --exact},
 * {@code -Ln --thresholds}, ...), split into words, so that tests can pick one column of one row.
 * Service rows are named as ipvsadm prints them with single spaces ("TCP 10.0.0.1:80", "FWM 6 IPv6");
 * real server rows by their address ("10.0.0.2:80") within the service above them.
 */
public record IpvsadmListing(List<Row> rows) {

    /**
     * @param service "TCP 10.0.0.1:80", "UDP [2001:db8::1]:53", "FWM 5", "FWM 5 IPv6"
     * @param realServer the real server's "address:port", or null for the service's own row
     * @param columns the words after the name
     */
    public record Row(String service, String realServer, List<String> columns) {
        /** Column {@code i} as a number (ipvsadm --exact prints plain integers). */
        public long number(int i) {
            return Long.parseLong(columns.get(i));
        }
    }

    public static IpvsadmListing parse(String output) {
        List<Row> rows = new ArrayList<>();
        String service = null;
        for (String line : output.lines().toList()) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("IP Virtual Server") || text.startsWith("Prot ")
                    || text.startsWith("-> RemoteAddress")) {
                continue;
            }
            List<String> words = Arrays.asList(text.split("\\s+"));
            if (words.get(0).equals("->")) {
                if (service == null) {
                    throw new IllegalArgumentException("real server row before any service: " + line);
                }
                rows.add(new Row(service, words.get(1), List.copyOf(words.subList(2, words.size()))));
            } else {
                int nameWords = words.get(0).equals("FWM") && words.size() > 2 && words.get(2).equals("IPv6") ? 3 : 2;
                service = String.join(" ", words.subList(0, nameWords));
                rows.add(new Row(service, null, List.copyOf(words.subList(nameWords, words.size()))));
            }
        }
        return new IpvsadmListing(List.copyOf(rows));
    }

    /** The service's own row; AssertionError listing what there is when it is missing. */
    public Row service(String service) {
        return find(service, null).orElseThrow(() -> new AssertionError("no service row '" + service + "' in " + rows));
    }

    /** A real server's row within a service; AssertionError listing what there is when it is missing. */
    public Row realServer(String service, String realServer) {
        return find(service, realServer).orElseThrow(() ->
                new AssertionError("no real server row '" + realServer + "' of '" + service + "' in " + rows));
    }

    public Optional<Row> find(String service, String realServer) {
        return rows.stream()
                .filter(r -> r.service().equals(service) && Objects.equals(r.realServer(), realServer))
                .findFirst();
    }
}
