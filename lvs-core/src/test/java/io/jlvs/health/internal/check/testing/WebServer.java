package io.jlvs.health.internal.check.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;

/**
 * The JDK's HTTP(S) server on 127.0.0.1 answering every request with a fixed status and body, and
 * recording what it saw: Host headers, peers, and (HTTPS) the SNI names clients sent.
 */
public final class WebServer implements AutoCloseable {
    private final HttpServer server;
    private final List<String> hosts = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<InetAddress> peers = new CopyOnWriteArrayList<>();
    private final List<String> serverNames = new CopyOnWriteArrayList<>();
    private volatile int status;
    private volatile byte[] body;
    private volatile boolean chunked;

    private WebServer(HttpServer server, int status, String body) {
        this.server = server;
        this.status = status;
        this.body = body.getBytes(StandardCharsets.UTF_8);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
    }

    public static WebServer http(int status, String body) throws IOException {
        WebServer web = new WebServer(HttpServer.create(loopback(), 0), status, body);
        web.server.start();
        return web;
    }

    public static WebServer https(SelfSignedCertificate certificate, int status, String body) throws IOException {
        HttpsServer server = HttpsServer.create(loopback(), 0);
        WebServer web = new WebServer(server, status, body);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = certificate.serverContext().getDefaultSSLParameters();
                ssl.setSNIMatchers(List.of(new RecordingMatcher(web.serverNames)));
                params.setSSLParameters(ssl);
            }
        });
        server.start();
        return web;
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getAddress().getPort());
    }

    public void respond(int newStatus, String newBody, boolean useChunked) {
        this.status = newStatus;
        this.body = newBody.getBytes(StandardCharsets.UTF_8);
        this.chunked = useChunked;
    }

    public List<String> hosts() {
        return List.copyOf(hosts);
    }

    public List<String> paths() {
        return List.copyOf(paths);
    }

    public List<InetAddress> peers() {
        return List.copyOf(peers);
    }

    public List<String> serverNames() {
        return List.copyOf(serverNames);
    }

    private void handle(HttpExchange exchange) throws IOException {
        hosts.add(exchange.getRequestHeaders().getFirst("Host"));
        paths.add(exchange.getRequestURI().toString());
        peers.add(exchange.getRemoteAddress().getAddress());
        byte[] answer = body;
        // 0 = chunked in the JDK server
        exchange.sendResponseHeaders(status, chunked ? 0 : (answer.length == 0 ? -1 : answer.length));
        try (var out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** Accepts every name, remembering it. */
    private static final class RecordingMatcher extends SNIMatcher {
        private final List<String> names;

        RecordingMatcher(List<String> names) {
            super(StandardConstants.SNI_HOST_NAME);
            this.names = names;
        }

        @Override
        public boolean matches(SNIServerName serverName) {
            names.add(serverName instanceof SNIHostName h ? h.getAsciiName() : serverName.toString());
            return true;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
