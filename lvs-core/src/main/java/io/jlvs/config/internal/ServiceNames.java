package io.jlvs.config.internal;

import io.jlvs.ipvs.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Port numbers by service name, from services(5) ({@code /etc/services}), as ipvsadm resolves
 * {@code -t VIP:http} with getservbyname: a name or an alias, for the service's protocol. Read when a
 * name is used, never cached, so a file with numbers only never touches it.
 */
final class ServiceNames {
    static final Path SYSTEM = Path.of("/etc/services");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._+-]*");

    private ServiceNames() {}

    /** A port: a number 1..65535 (0 where {@code zeroAllowed}) or a service name of {@code protocol}. */
    static int port(String text, Protocol protocol, boolean zeroAllowed, Path services) {
        String t = text.strip();
        if (t.isEmpty() || Character.isDigit(t.charAt(0))) {
            return Values.integer(t, zeroAllowed ? 0 : 1, 65535);
        }
        if (!NAME.matcher(t).matches()) {
            throw new IllegalArgumentException("must be a port number or a service name, got '" + text + "'");
        }
        String proto = protocol.name().toLowerCase(Locale.ROOT);
        return lookup(t, proto, services).orElseThrow(() -> new IllegalArgumentException("'" + t
                + "' is not a port number, nor a " + proto + " service in " + services));
    }

    static OptionalInt lookup(String name, String protocol, Path services) {
        String text;
        try {
            text = Files.readString(services, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("'" + name + "' is not a port number, and " + services
                    + " (which names services) does not exist; write the number");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + services, e);
        }
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String[] words = (hash < 0 ? line : line.substring(0, hash)).strip().split("\\s+");
            if (words.length < 2) {
                continue;
            }
            int slash = words[1].indexOf('/');
            if (slash < 0 || !words[1].substring(slash + 1).equalsIgnoreCase(protocol)) {
                continue;
            }
            for (int i = 0; i < words.length; i++) {
                if (i != 1 && words[i].equals(name)) {
                    try {
                        int port = Integer.parseInt(words[1].substring(0, slash));
                        if (port >= 1 && port <= 65535) {
                            return OptionalInt.of(port);
                        }
                    } catch (NumberFormatException e) {
                        // a malformed line names no port; keep looking
                    }
                }
            }
        }
        return OptionalInt.empty();
    }
}
