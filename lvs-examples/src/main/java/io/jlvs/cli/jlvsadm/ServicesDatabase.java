package io.jlvs.cli.jlvsadm;

import io.jlvs.ipvs.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Port names from /etc/services, for what ipvsadm asks of getservbyport and getservbyname: the first
 * entry for a port and protocol gives its name; a name or alias gives its port. Java has no such
 * lookup, and /etc/services is where the C library finds them ("services: files" in nsswitch.conf).
 */
final class ServicesDatabase {
    /** The system's /etc/services, read when first needed; empty if it cannot be read. */
    static final Path SYSTEM = Path.of("/etc/services");

    private final Map<String, String> nameByPort = new HashMap<>();
    private final Map<String, Integer> portByName = new HashMap<>();

    private ServicesDatabase(List<String> lines) {
        for (String line : lines) {
            int hash = line.indexOf('#');
            String[] words = (hash < 0 ? line : line.substring(0, hash)).trim().split("[ \t]+");
            if (words.length < 2 || words[0].isEmpty()) {
                continue;
            }
            int slash = words[1].indexOf('/');
            if (slash <= 0) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(words[1].substring(0, slash));
            } catch (NumberFormatException e) {
                continue;
            }
            if (port < 0 || port > 0xFFFF) {
                continue;
            }
            String proto = words[1].substring(slash + 1).toLowerCase(Locale.ROOT);
            nameByPort.putIfAbsent(port + "/" + proto, words[0]);
            for (int i = 0; i < words.length; i++) {
                if (i != 1) {
                    portByName.putIfAbsent(words[i] + "/" + proto, port);
                }
            }
        }
    }

    /** A database of these lines, in /etc/services format. */
    static ServicesDatabase of(List<String> lines) {
        return new ServicesDatabase(lines);
    }

    /** The database in {@code file}; empty if the file cannot be read. */
    static ServicesDatabase read(Path file) {
        try {
            return new ServicesDatabase(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return new ServicesDatabase(List.of());
        }
    }

    /** getservbyport: the name of {@code port} for {@code protocol}, or null (also for a null protocol). */
    String name(int port, Protocol protocol) {
        return protocol == null ? null : nameByPort.get(port + "/" + key(protocol));
    }

    /** getservbyname: the port of a service name or alias for {@code protocol}. */
    OptionalInt port(String name, Protocol protocol) {
        Integer port = protocol == null ? null : portByName.get(name + "/" + key(protocol));
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    private static String key(Protocol protocol) {
        return protocol.name().toLowerCase(Locale.ROOT);
    }
}
