package io.jlvs.console;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The console's settings, from a file of {@code key = value} lines ({@code #} starts a comment).
 * docs/console.md lists the keys. Every error names the file and line.
 *
 * @param host             the address to listen on
 * @param port             the TCP port
 * @param controlSocket    jlvsd's control socket
 * @param usersFile        the users file; empty: no login, everyone a viewer (loopback only)
 * @param auditLog         where changes are recorded; required with a users file
 * @param tlsKeystore      a PKCS#12 keystore with the certificate and its key; empty: plain HTTP
 * @param tlsPasswordFile  a file whose first line is the keystore's password
 * @param sessionTimeout   how long an idle session lives
 * @param maxBodyBytes     the largest request body accepted
 */
record ConsoleConfig(String host, int port, Path controlSocket, Optional<Path> usersFile, Optional<Path> auditLog,
        Optional<Path> tlsKeystore, Optional<Path> tlsPasswordFile, Duration sessionTimeout, int maxBodyBytes) {

    static final int DEFAULT_PORT = 8480;
    static final int DEFAULT_MAX_BODY = 16 * 1024;
    static final Set<String> KEYS = Set.of("listen", "control_socket", "users_file", "audit_log", "tls_keystore",
            "tls_keystore_password_file", "session_timeout_minutes", "max_body_bytes");

    ConsoleConfig {
        if (usersFile.isPresent() && auditLog.isEmpty()) {
            throw new IllegalArgumentException("users_file is set but audit_log is not: changes are recorded there, so name a file for it");
        }
        if (tlsKeystore.isPresent() != tlsPasswordFile.isPresent()) {
            throw new IllegalArgumentException("tls_keystore and tls_keystore_password_file go together: set both or neither");
        }
        if (tlsKeystore.isEmpty() && !loopback(host)) {
            throw new IllegalArgumentException("listen = " + host + ":" + port + " is not a loopback address, and plain HTTP"
                    + " would carry passwords and session cookies in the clear: set tls_keystore and"
                    + " tls_keystore_password_file, or listen on 127.0.0.1 or [::1] behind a TLS proxy");
        }
        if (usersFile.isEmpty() && !loopback(host)) {
            throw new IllegalArgumentException("without users_file anyone who reaches the console can read the director's status:"
                    + " set users_file, or listen on a loopback address");
        }
    }

    boolean tls() {
        return tlsKeystore.isPresent();
    }

    boolean security() {
        return usersFile.isPresent();
    }

    /**
     * The body limit of an operator's lvs.cf edit: jlvsd takes texts of up to 1 MiB (its control socket's
     * limit), which a form sends URL-encoded (at most three bytes for one), plus the other fields.
     */
    int maxConfigBodyBytes() {
        return 3 * 1024 * 1024 + 64 * 1024;
    }

    static ConsoleConfig load(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq).strip();
            if (eq < 0 || !KEYS.contains(key)) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected one of " + KEYS.stream().sorted().toList()
                        + " = VALUE, got '" + line + "'");
            }
            values.put(key, line.substring(eq + 1).strip());
        }
        try {
            return of(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static ConsoleConfig of(Map<String, String> v) {
        String listen = v.getOrDefault("listen", "127.0.0.1:" + DEFAULT_PORT);
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("listen must be ADDRESS:PORT (e.g. 127.0.0.1:8480 or [::1]:8480), got '" + listen + "'");
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = number(listen.substring(colon + 1), "listen's port", 0, 65535);
        return new ConsoleConfig(host, port, Path.of(v.getOrDefault("control_socket", "/run/jlvsd/jlvsd.sock")),
                path(v, "users_file"), path(v, "audit_log"), path(v, "tls_keystore"), path(v, "tls_keystore_password_file"),
                Duration.ofMinutes(number(v.getOrDefault("session_timeout_minutes", "15"), "session_timeout_minutes", 1, 24 * 60)),
                number(v.getOrDefault("max_body_bytes", Integer.toString(DEFAULT_MAX_BODY)), "max_body_bytes", 1024, 1024 * 1024));
    }

    private static Optional<Path> path(Map<String, String> v, String key) {
        String s = v.get(key);
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(Path.of(s));
    }

    private static int number(String s, String what, int min, int max) {
        try {
            int n = Integer.parseInt(s.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + " must be a whole number " + min + ".." + max + ", got '" + s + "'");
    }

    private static boolean loopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("listen: cannot resolve '" + host + "'");
        }
    }
}
