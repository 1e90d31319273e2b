package io.jlvs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console over TLS, from a keystore the test makes with the JDK's keytool: HTTPS requests that
 * trust exactly that certificate, the session cookie {@code Secure} with the {@code __Host-} prefix,
 * HSTS, and plain HTTP on the same port getting no page.
 */
class ConsoleTlsTest {
    private static final String STORE_PASSWORD = "keystore secret";
    @TempDir
    Path dir;
    private ConsoleFixture console;
    private Certificate certificate;

    @BeforeEach
    void start() throws Exception {
        Path keystore = dir.resolve("console.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-alias", "console",
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1")
                .redirectErrorStream(true).start();
        String said = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool: " + said);
        Path password = dir.resolve("keystore.password");
        Files.writeString(password, STORE_PASSWORD + "\n");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, STORE_PASSWORD.toCharArray());
        }
        certificate = ks.getCertificate("console");
        console = new ConsoleFixture(dir, Map.of("tls_keystore", keystore.toString(), "tls_keystore_password_file", password.toString()));
    }

    @AfterEach
    void stop() {
        if (console != null) {
            console.close();
        }
    }

    /** A client that trusts the test's certificate and nothing else. */
    private HttpClient trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("console", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Test
    void overHttpsTheSessionCookieIsSecureWithTheHostPrefixAndHstsIsSent() throws Exception {
        HttpClient https = trusting();
        ConsoleFixture tlsConsole = console;
        assertEquals("https", tlsConsole.uri("/").getScheme());
        HttpResponse<String> page = https.send(java.net.http.HttpRequest.newBuilder(tlsConsole.uri("/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertEquals("max-age=31536000", page.headers().firstValue("Strict-Transport-Security").orElse(""));
        String formCookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(formCookie.startsWith("__Host-jlvs-login=") && formCookie.contains("Secure") && formCookie.contains("Path=/")
                && !formCookie.contains("Domain"), formCookie);

        String token = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body()).results()
                .findFirst().orElseThrow().group(1);
        HttpResponse<String> login = https.send(java.net.http.HttpRequest.newBuilder(tlsConsole.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", formCookie.split(";", 2)[0])
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("user=olga&password="
                        + java.net.URLEncoder.encode(ConsoleFixture.PASSWORD, StandardCharsets.UTF_8) + "&csrf=" + token)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, login.statusCode(), login.body());
        String session = console.sessionCookie(login);
        for (String attribute : List.of("Secure", "HttpOnly", "SameSite=Strict", "Path=/")) {
            assertTrue(session.contains(attribute), attribute + " in " + session);
        }
        assertTrue(session.startsWith("__Host-jlvs-session="), session);
        assertFalse(session.contains("Domain"), "a __Host- cookie names no domain: " + session);
        assertEquals("max-age=31536000", login.headers().firstValue("Strict-Transport-Security").orElse(""));

        HttpResponse<String> status = https.send(java.net.http.HttpRequest.newBuilder(tlsConsole.uri("/"))
                .header("Cookie", session.split(";", 2)[0]).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, status.statusCode());
        assertTrue(status.body().contains("olga (operator)"), status.body());
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
        HttpClient stranger = HttpClient.newHttpClient();   // the JDK's CAs only
        try {
            stranger.send(java.net.http.HttpRequest.newBuilder(console.uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
            throw new AssertionError("a certificate no CA signed was accepted");
        } catch (SSLHandshakeException expected) {
            // the handshake, not the page, failed
        }
    }

    @Test
    void plainHttpOnTheTlsPortGetsNoPage() throws Exception {
        try (Socket s = new Socket("127.0.0.1", console.console.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer;
            try {
                answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (java.net.SocketException reset) {
                answer = "";   // the connection reset: refused too
            }
            assertFalse(answer.contains("jLVS console") || answer.contains("Set-Cookie") || answer.startsWith("HTTP/1.1 200"),
                    "plain HTTP was served: " + answer);
            assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 400") || answer.charAt(0) == 0x15,
                    "refused (closed, 400, or a TLS alert), not: " + answer);
        }
    }
}
