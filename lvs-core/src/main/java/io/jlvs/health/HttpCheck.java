package io.jlvs.health;

import io.jlvs.netlink.InetText;
import io.jlvs.health.internal.check.HttpExchange;
import io.jlvs.health.internal.check.ProbeFailedException;
import io.jlvs.health.internal.check.Probes;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.net.ssl.SNIHostName;

/**
 * An HTTP or HTTPS GET (keepalived's HTTP_GET and SSL_GET): up when the status is one of
 * {@code status}, and, when set, the body's MD5 equals {@code digest} and {@code regex} is found in
 * the body.
 *
 * <p>The request is HTTP/1.1 with {@code Connection: close}, made on a socket bound to the source
 * address when one is set (which {@code java.net.http.HttpClient} cannot do). The body is read only
 * when a digest or regex needs it, at most {@code maxBodyBytes}; a digest over a longer body is down,
 * a regex is searched in the first {@code maxBodyBytes}. The body is decoded as UTF-8 for the regex.
 *
 * <p>TLS: with {@code tlsVerify} the certificate must chain to the JDK's trust store and name the
 * peer (the SNI name, else the Host header's host, else the address); without it any certificate is
 * accepted, as keepalived's SSL_GET does, since real servers often carry the virtual service's
 * certificate. SNI is {@code sni} when set, else the Host header's host when it is a name.
 *
 * @param scheme       HTTP or HTTPS
 * @param path         request target, starting with "/"
 * @param status       accepted status codes
 * @param digest       lower-case hex MD5 of the whole body (32 characters), or empty
 * @param regex        a pattern to find in the body, or empty
 * @param host         the Host header; empty = the target address and port
 * @param sni          the TLS server name to send (HTTPS only), or empty
 * @param tlsVerify    verify the server certificate (HTTPS only)
 * @param maxBodyBytes the most body bytes read, 1..64 MiB
 * @param options      timeouts and source address
 */
public record HttpCheck(Scheme scheme, String path, StatusCodes status, Optional<String> digest,
                        Optional<String> regex, Optional<String> host, Optional<String> sni, boolean tlsVerify,
                        int maxBodyBytes, ConnectOptions options) implements HealthCheck {

    /** Default body limit: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    /** Largest body limit: 64 MiB. */
    public static final int MAX_BODY_LIMIT = 64 * 1024 * 1024;

    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");

    /** Plain HTTP or HTTP over TLS. */
    public enum Scheme {
        HTTP(80), HTTPS(443);

        private final int defaultPort;

        Scheme(int defaultPort) {
            this.defaultPort = defaultPort;
        }
    }

    public HttpCheck {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || !isToken(path)) {
            throw new IllegalArgumentException("path '" + path + "' must start with / and hold no spaces or control characters");
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(digest, "digest (use Optional.empty())");
        digest = digest.map(d -> d.toLowerCase(Locale.ROOT));
        digest.ifPresent(d -> {
            if (!MD5_HEX.matcher(d).matches()) {
                throw new IllegalArgumentException("digest '" + d + "' is not 32 hex digits (an MD5)");
            }
        });
        Objects.requireNonNull(regex, "regex (use Optional.empty())");
        regex.ifPresent(r -> {
            try {
                Pattern.compile(r);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("regex '" + r + "' does not compile: " + e.getDescription()
                        + " near index " + e.getIndex(), e);
            }
        });
        Objects.requireNonNull(host, "host (use Optional.empty())");
        host.ifPresent(h -> {
            if (h.isEmpty() || !isToken(h)) {
                throw new IllegalArgumentException("host '" + h + "' must be non-empty, without spaces or control characters");
            }
        });
        Objects.requireNonNull(sni, "sni (use Optional.empty())");
        if (sni.isPresent()) {
            if (scheme != Scheme.HTTPS) {
                throw new IllegalArgumentException("sni '" + sni.get() + "' needs scheme HTTPS");
            }
            try {
                new SNIHostName(sni.get());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sni '" + sni.get() + "' is not a host name: " + e.getMessage(), e);
            }
        }
        if (tlsVerify && scheme != Scheme.HTTPS) {
            throw new IllegalArgumentException("TLS verification needs scheme HTTPS");
        }
        if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_LIMIT) {
            throw new IllegalArgumentException("max body bytes " + maxBodyBytes + " is out of range 1.." + MAX_BODY_LIMIT);
        }
        Objects.requireNonNull(options, "options");
    }

    /** A builder for GET {@code path} over HTTP, expecting 2xx. */
    public static Builder http(String path) {
        return new Builder(Scheme.HTTP, path);
    }

    /** A builder for GET {@code path} over HTTPS, expecting 2xx, not verifying the certificate. */
    public static Builder https(String path) {
        return new Builder(Scheme.HTTPS, path);
    }

    @Override
    public ProbeResult probe(InetSocketAddress target) throws InterruptedException {
        return Probes.run(clock -> {
            boolean needBody = digest.isPresent() || regex.isPresent();
            HttpExchange.Response response = HttpExchange.get(target, options, request(target), needBody, maxBodyBytes);
            String line = "HTTP " + response.status() + (response.reason().isEmpty() ? "" : " " + response.reason());
            if (!status.contains(response.status())) {
                throw new ProbeFailedException(line + ", expected " + status);
            }
            if (digest.isPresent()) {
                if (response.truncated()) {
                    throw new ProbeFailedException(line + ", body longer than " + maxBodyBytes + " bytes, no digest");
                }
                String actual = md5(response.body());
                if (!actual.equals(digest.get())) {
                    throw new ProbeFailedException(line + ", body MD5 " + actual + " is not " + digest.get());
                }
            }
            if (regex.isPresent()) {
                String body = new String(response.body(), StandardCharsets.UTF_8);
                if (!Pattern.compile(regex.get()).matcher(body).find()) {
                    throw new ProbeFailedException(line + ", regex /" + regex.get() + "/ not found in "
                            + response.body().length + " body bytes");
                }
            }
            return clock.up(line);
        });
    }

    private HttpExchange.Request request(InetSocketAddress target) {
        String address = target.getAddress() instanceof Inet6Address
                ? "[" + InetText.format(target.getAddress()) + "]"
                : InetText.format(target.getAddress());
        String hostHeader = host.orElse(target.getPort() == scheme.defaultPort ? address : address + ":" + target.getPort());
        String peerName = sni.orElseGet(() -> host.map(HttpCheck::hostPart)
                .orElse(target.getAddress().getHostAddress()));
        return new HttpExchange.Request(scheme == Scheme.HTTPS, tlsVerify, peerName, sni, hostHeader, path);
    }

    /** "name:8080" -> "name", "[::1]:443" -> "::1". */
    private static String hostPart(String hostHeader) {
        if (hostHeader.startsWith("[")) {
            int end = hostHeader.indexOf(']');
            return end > 0 ? hostHeader.substring(1, end) : hostHeader;
        }
        int colon = hostHeader.lastIndexOf(':');
        return colon > 0 && hostHeader.indexOf(':') == colon ? hostHeader.substring(0, colon) : hostHeader;
    }

    static String md5(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has MD5", e);
        }
    }

    private static boolean isToken(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Duration timeout() {
        return options.total();
    }

    @Override
    public String type() {
        return scheme == Scheme.HTTP ? "http" : "https";
    }

    /** Builds an {@link HttpCheck}; starts at status 2xx, no digest or regex, no TLS verification, 1 MiB body. */
    public static final class Builder {
        private final Scheme scheme;
        private final String path;
        private StatusCodes status = StatusCodes.SUCCESS;
        private Optional<String> digest = Optional.empty();
        private Optional<String> regex = Optional.empty();
        private Optional<String> host = Optional.empty();
        private Optional<String> sni = Optional.empty();
        private boolean tlsVerify;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private ConnectOptions options = ConnectOptions.defaults();

        private Builder(Scheme scheme, String path) {
            this.scheme = scheme;
            this.path = path;
        }

        public Builder status(StatusCodes codes) {
            this.status = codes;
            return this;
        }

        public Builder digest(String md5Hex) {
            this.digest = Optional.of(md5Hex);
            return this;
        }

        public Builder regex(String pattern) {
            this.regex = Optional.of(pattern);
            return this;
        }

        public Builder host(String hostHeader) {
            this.host = Optional.of(hostHeader);
            return this;
        }

        public Builder sni(String serverName) {
            this.sni = Optional.of(serverName);
            return this;
        }

        public Builder tlsVerify(boolean verify) {
            this.tlsVerify = verify;
            return this;
        }

        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        public Builder options(ConnectOptions connectOptions) {
            this.options = connectOptions;
            return this;
        }

        public HttpCheck build() {
            return new HttpCheck(scheme, path, status, digest, regex, host, sni, tlsVerify, maxBodyBytes, options);
        }
    }
}
