package io.jlvs.health.internal.check;

import io.jlvs.health.ConnectOptions;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 GET over a plain socket (RFC 9112), with {@code Connection: close}.
 *
 * <p>Written on sockets rather than {@code java.net.http.HttpClient} because a check needs what
 * that client does not give: binding a source address, a free {@code Host} header (a restricted
 * header there), an SNI name unrelated to the address connected to, and a hard cap on the body read.
 */
public final class HttpExchange {
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_INTERIM_RESPONSES = 8;

    private HttpExchange() {}

    /**
     * What to ask.
     *
     * @param tls        HTTPS
     * @param verify     check the certificate chain and name (against {@code peerName})
     * @param peerName   the name TLS verifies and, when a host name, sends as SNI
     * @param sni        an SNI name to send instead
     * @param hostHeader the Host header value
     * @param path       request target
     */
    public record Request(boolean tls, boolean verify, String peerName, Optional<String> sni,
                          String hostHeader, String path) {}

    /**
     * What came back.
     *
     * @param status    the final status code
     * @param reason    its reason phrase
     * @param body      the body, when asked for, at most the limit
     * @param truncated whether the body was longer than the limit
     */
    public record Response(int status, String reason, byte[] body, boolean truncated) {}

    /**
     * Sends the request and reads the response; the body only when {@code readBody}, at most
     * {@code maxBody} bytes of it. Everything after connecting must finish by the read timeout.
     */
    public static Response get(InetSocketAddress target, ConnectOptions options, Request request,
                               boolean readBody, int maxBody) throws IOException, ProbeFailedException {
        Socket plain = Sockets.connect(target, options);
        Socket socket = plain;
        try {
            Deadline deadline = Deadline.after(options.readTimeout());
            if (request.tls()) {
                socket = handshake(plain, target, request, deadline);
            }
            socket.setSoTimeout(deadline.remainingMillis());
            OutputStream out = socket.getOutputStream();
            out.write(requestBytes(request));
            out.flush();
            InputStream in = new BufferedInputStream(new DeadlineInputStream(socket, socket.getInputStream(), deadline));
            return readResponse(in, readBody, maxBody);
        } finally {
            socket.close();
            plain.close();
        }
    }

    private static Socket handshake(Socket plain, InetSocketAddress target, Request request, Deadline deadline)
            throws IOException, ProbeFailedException {
        SSLContext context;
        try {
            context = request.verify() ? TlsContexts.verifying() : TlsContexts.trustingAll();
        } catch (GeneralSecurityException e) {
            throw new ProbeFailedException("no TLS context: " + e.getMessage());
        }
        SSLSocket ssl = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, request.peerName(), target.getPort(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        if (request.verify()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (request.sni().isPresent()) {
            parameters.setServerNames(List.of(new SNIHostName(request.sni().get())));
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(deadline.remainingMillis());
        try {
            ssl.startHandshake();
        } catch (java.net.SocketTimeoutException e) {
            throw new ProbeFailedException("TLS handshake not done within " + Probes.format(deadline.budget()));
        }
        return ssl;
    }

    private static byte[] requestBytes(Request request) {
        String text = "GET " + request.path() + " HTTP/1.1\r\n"
                + "Host: " + request.hostHeader() + "\r\n"
                + "User-Agent: jLVS-health-check\r\n"
                + "Accept: */*\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Response readResponse(InputStream in, boolean readBody, int maxBody)
            throws IOException, ProbeFailedException {
        for (int interim = 0; interim <= MAX_INTERIM_RESPONSES; interim++) {
            HeaderBlock head = readHead(in);
            // 1xx answers come before the real one (RFC 9110 15.2); 101 would switch protocols,
            // which a GET without Upgrade never asked for.
            if (head.status >= 100 && head.status < 200 && head.status != 101) {
                continue;
            }
            if (!readBody) {
                return new Response(head.status, head.reason, new byte[0], false);
            }
            return readBody(in, head, maxBody);
        }
        throw new ProbeFailedException("more than " + MAX_INTERIM_RESPONSES + " interim 1xx responses");
    }

    private record HeaderBlock(int status, String reason, long contentLength, boolean chunked) {}

    private static HeaderBlock readHead(InputStream in) throws IOException, ProbeFailedException {
        String statusLine = readLine(in, "status line");
        if (statusLine == null) {
            throw new ProbeFailedException("connection closed before a status line");
        }
        // status-line = HTTP-version SP status-code SP [ reason-phrase ]  (RFC 9112 4)
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' '
                || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
            throw new ProbeFailedException("not an HTTP/1.x status line: '" + printable(statusLine) + "'");
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new ProbeFailedException("not an HTTP/1.x status line: '" + printable(statusLine) + "'");
        }
        if (status < 100 || status > 999) {
            throw new ProbeFailedException("status code " + status + " out of range");
        }
        String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
        long contentLength = -1;
        boolean chunked = false;
        int headerBytes = 0;
        while (true) {
            String line = readLine(in, "header");
            if (line == null) {
                throw new ProbeFailedException("connection closed within the headers");
            }
            if (line.isEmpty()) {
                break;
            }
            headerBytes += line.length() + 2;
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new ProbeFailedException("headers longer than " + MAX_HEADER_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProbeFailedException("malformed header line: '" + printable(line) + "'");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                try {
                    contentLength = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new ProbeFailedException("bad Content-Length '" + printable(value) + "'");
                }
                if (contentLength < 0) {
                    throw new ProbeFailedException("bad Content-Length '" + printable(value) + "'");
                }
            } else if (name.equals("transfer-encoding")) {
                // chunked is the last coding when present (RFC 9112 6.1); it wins over Content-Length
                chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
            }
        }
        if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
            contentLength = 0;
            chunked = false;
        }
        return new HeaderBlock(status, reason, contentLength, chunked);
    }

    private static Response readBody(InputStream in, HeaderBlock head, int maxBody)
            throws IOException, ProbeFailedException {
        BoundedBody body = new BoundedBody(maxBody);
        if (head.chunked) {
            while (true) {
                String sizeLine = readLine(in, "chunk size");
                if (sizeLine == null) {
                    throw new ProbeFailedException("connection closed within a chunked body");
                }
                int semicolon = sizeLine.indexOf(';');
                String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
                long size;
                try {
                    size = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new ProbeFailedException("bad chunk size '" + printable(sizeLine) + "'");
                }
                if (size < 0) {
                    throw new ProbeFailedException("bad chunk size '" + printable(sizeLine) + "'");
                }
                if (size == 0) {
                    break; // trailers are not needed; the connection closes
                }
                if (!body.copy(in, size)) {
                    return body.truncated(head);
                }
                String end = readLine(in, "chunk end");
                if (end == null || !end.isEmpty()) {
                    throw new ProbeFailedException("chunk not followed by CRLF");
                }
            }
        } else if (head.contentLength >= 0) {
            if (!body.copy(in, head.contentLength)) {
                return body.truncated(head);
            }
        } else if (!body.copy(in, Long.MAX_VALUE)) {
            return body.truncated(head);
        }
        return new Response(head.status, head.reason, body.bytes(), false);
    }

    /** Collects at most {@code max} bytes; says when there were more. */
    private static final class BoundedBody {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int max;

        BoundedBody(int max) {
            this.max = max;
        }

        /** Copies {@code length} bytes (or up to EOF when Long.MAX_VALUE); false once over the limit. */
        boolean copy(InputStream in, long length) throws IOException, ProbeFailedException {
            byte[] buffer = new byte[8192];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    if (length == Long.MAX_VALUE) {
                        return true;
                    }
                    throw new ProbeFailedException("connection closed " + left + " bytes before the body's end");
                }
                left -= n;
                if (out.size() + n > max) {
                    out.write(buffer, 0, max - out.size());
                    return false;
                }
                out.write(buffer, 0, n);
            }
            return true;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        Response truncated(HeaderBlock head) {
            return new Response(head.status, head.reason, bytes(), true);
        }
    }

    /** A line ending in LF (CR before it dropped), or null at EOF before any byte. */
    private static String readLine(InputStream in, String what) throws IOException, ProbeFailedException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return sb.isEmpty() ? null : sb.toString();
            }
            if (b == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw new ProbeFailedException(what + " longer than " + MAX_LINE + " bytes");
            }
            sb.append((char) b);
        }
    }

    private static String printable(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return Escapes.preview(bytes, bytes.length, 60);
    }
}
