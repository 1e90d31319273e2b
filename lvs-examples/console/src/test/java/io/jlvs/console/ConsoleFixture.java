package io.jlvs.console;

import io.jlvs.director.internal.ControlServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A console on a loopback port over jlvsd's real control server and a {@link FakeDirector}, with
 * two users: olga (operator) and victor (viewer), both with password {@value #PASSWORD}.
 */
final class ConsoleFixture implements AutoCloseable {
    static final String PASSWORD = "correct horse battery";
    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]*)\">");
    /** Hashing is the slow part: the users file is made once for every test. */
    private static final Map<String, String> HASHES = Map.of(
            "olga", PasswordHash.hash(PASSWORD.toCharArray()),
            "victor", PasswordHash.hash(PASSWORD.toCharArray()));

    final FakeDirector director;
    final ControlServer control;
    final ConsoleServer console;
    final Path audit;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    /** The console's clock for sessions and login forms: a test moves it on to see them expire. */
    final MovableTicker ticker = new MovableTicker();

    ConsoleFixture(Path dir) throws IOException {
        this(dir, Map.of());
    }

    /** {@code extra}: more settings (e.g. TLS), over the fixture's own. */
    ConsoleFixture(Path dir, Map<String, String> extra) throws IOException {
        director = new FakeDirector(dir.resolve("lvs.cf"));
        control = ControlServer.start(dir.resolve("jlvsd.sock"), Optional.empty(), director);
        Path users = dir.resolve("users");
        Files.writeString(users, "olga:operator:" + HASHES.get("olga") + "\nvictor:viewer:" + HASHES.get("victor") + "\n");
        audit = dir.resolve("audit.log");
        Map<String, String> settings = new HashMap<>(Map.of("listen", "127.0.0.1:0", "control_socket", control.path().toString(),
                "users_file", users.toString(), "audit_log", audit.toString()));
        settings.putAll(extra);
        console = ConsoleServer.start(ConsoleConfig.of(settings), ticker);
    }

    URI uri(String path) {
        return URI.create((console.config().tls() ? "https" : "http") + "://127.0.0.1:" + console.port() + path);
    }

    HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String cookie, Map<String, String> form) throws IOException, InterruptedException {
        return post(path, cookie, form, Map.of());
    }

    /** A form POST with {@code headers} added (Origin, Sec-Fetch-Site as a browser sends them). */
    HttpResponse<String> post(String path, String cookie, Map<String, String> form, Map<String, String> headers)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A login form as a browser gets it: its pre-session cookie (a Cookie header value) and its token. */
    record LoginForm(String cookie, String token) {
    }

    LoginForm loginForm() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/login", null);
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new AssertionError("the login page answered " + r.statusCode() + " without a form token: " + r.body());
        }
        return new LoginForm(r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0], m.group(1));
    }

    /** Logs in through a fresh login form, as a browser does. */
    HttpResponse<String> login(String user, String password) throws IOException, InterruptedException {
        LoginForm form = loginForm();
        return post("/login", form.cookie(), Map.of("user", user, "password", password, "csrf", form.token()));
    }

    /** Logs in and returns the session cookie as a Cookie header value. */
    String session(String user) throws IOException, InterruptedException {
        HttpResponse<String> r = login(user, PASSWORD);
        if (r.statusCode() != 303) {
            throw new AssertionError("login as " + user + " answered " + r.statusCode() + ": " + r.body());
        }
        return sessionCookie(r).split(";", 2)[0];
    }

    /** The session's Set-Cookie header of a login's answer (it also clears the login form's cookie). */
    String sessionCookie(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.contains("-session=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + r.headers().map()));
    }

    /** The CSRF token the status page gives this session. */
    String csrf(String cookie) throws IOException, InterruptedException {
        Matcher m = CSRF.matcher(get("/", cookie).body());
        if (!m.find()) {
            throw new AssertionError("no CSRF token on the status page");
        }
        return m.group(1);
    }

    String auditText() throws IOException {
        return Files.exists(audit) ? Files.readString(audit) : "";
    }

    @Override
    public void close() {
        console.close();
        control.close();
    }
}
