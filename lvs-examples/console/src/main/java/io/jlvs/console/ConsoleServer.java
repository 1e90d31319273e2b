package io.jlvs.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.base.Ticker;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.jlvs.director.ControlClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's web server: Javalin routes over the pieces that do the work (WebSecurity,
 * LoginRoutes, ChangeRoutes, StaticAssets) and jlvsd's {@code status} for the pages.
 */
final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Javalin app;
    private final ConsoleConfig config;
    private final StatusHistory history;
    private final Drains drains;

    private ConsoleServer(Javalin app, ConsoleConfig config, StatusHistory history, Drains drains) {
        this.app = app;
        this.config = config;
        this.history = history;
        this.drains = drains;
    }

    static ConsoleServer start(ConsoleConfig config) throws IOException {
        return start(config, Ticker.systemTicker());
    }

    /** {@code ticker} times sessions and login counts (tests move it on to see them expire). */
    static ConsoleServer start(ConsoleConfig config, Ticker ticker) throws IOException {
        Optional<UsersFile> users = config.usersFile().isPresent() ? Optional.of(UsersFile.load(config.usersFile().get())) : Optional.empty();
        Sessions sessions = new Sessions(config.sessionTimeout(), ticker);
        WebSecurity security = new WebSecurity(sessions, config.security(), config.tls(), config.maxBodyBytes(), config.maxConfigBodyBytes());
        ControlClient control = new ControlClient(config.controlSocket(), "control_socket in the console's config",
                "run the console's user with jlvsd's --control-group as its primary group (docs/console.md)");
        Pages pages = new Pages();
        Drains drains = new Drains(Clock.systemUTC());
        Optional<AuditLog> audit = config.auditLog().map(AuditLog::new);
        ChangeRoutes changes = new ChangeRoutes(control, audit, drains);
        ConfigRoutes edits = new ConfigRoutes(control, audit, pages);
        StatusHistory history = new StatusHistory(StatusHistory.SAMPLES, Clock.systemUTC());
        StaticAssets assets = new StaticAssets();
        Optional<LoginRoutes> login = users.map(u -> new LoginRoutes(u, sessions, new LoginLimiter(), security, pages, ticker));

        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            // The larger limit; WebSecurity holds every request but an operator's lvs.cf edit to the smaller one.
            cfg.http.maxRequestSize = Math.max(config.maxBodyBytes(), config.maxConfigBodyBytes());
            cfg.jetty.modifyServer(server -> server.setStopTimeout(2000));
            if (config.tls()) {
                cfg.jetty.addConnector((server, http) -> tlsConnector(server, http, config));
            } else {
                cfg.jetty.host = config.host();
                cfg.jetty.port = config.port();
            }
            cfg.routes.before(security::check);
            cfg.routes.get("/static/{name}", assets::serve);
            if (login.isPresent()) {
                cfg.routes.get("/login", login.get()::form);
                cfg.routes.post("/login", login.get()::login);
                cfg.routes.post("/logout", login.get()::logout);
            } else {
                cfg.routes.get("/login", ctx -> ctx.redirect("/", HttpStatus.SEE_OTHER));
            }
            cfg.routes.get("/", ctx -> status(ctx, control, pages, changes, drains, config.security()));
            cfg.routes.get("/api/status", ctx -> statusJson(ctx, control));
            cfg.routes.get("/api/live", ctx -> live(ctx, control, history, drains));
            cfg.routes.post("/servers/{action}", changes::change);
            cfg.routes.get("/config", edits::show);
            cfg.routes.post("/config/edit", edits::edit);
            cfg.routes.post("/config/review", edits::reviewText);
            cfg.routes.post("/config/apply", edits::apply);
            cfg.routes.exception(ControlClient.ControlException.class, (e, ctx) -> WebSecurity.refuse(ctx, HttpStatus.BAD_GATEWAY,
                    "jlvsd: " + e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                WebSecurity.headers(ctx);
                WebSecurity.refuse(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "the console failed on this request; its log says why");
            });
        });
        if (config.tls()) {
            app.start();
        } else {
            app.start(config.host(), config.port());
        }
        history.start(control);
        LOG.info("jlvs-console on {}://{}:{}, jlvsd at {}, {}", config.tls() ? "https" : "http", config.host(), app.port(),
                config.controlSocket(), users.map(u -> u.size() + " user(s)").orElse("no logins: everyone is a viewer"));
        return new ConsoleServer(app, config, history, drains);
    }

    int port() {
        return app.port();
    }

    ConsoleConfig config() {
        return config;
    }

    @Override
    public void close() {
        history.close();
        app.stop();
        drains.close();
    }

    private static void status(Context ctx, ControlClient control, Pages pages, ChangeRoutes changes, Drains drains, boolean security) {
        Sessions.Session who = WebSecurity.session(ctx);
        StatusPage.Notice notice = changes.takeNotice(who);
        try {
            JsonNode status = control.call(control.request("status"));
            pages.status(ctx, StatusPage.of(who, security, status, notice, drains.texts()));
        } catch (ControlClient.ControlException e) {
            pages.status(ctx, StatusPage.unavailable(who, security, e.getMessage(), notice, drains.texts()));
        }
    }

    /**
     * What the page's script updates in place: jlvsd's status, the failover part and the rates as the
     * page writes them, the charts' history and the drains.
     */
    private static void live(Context ctx, ControlClient control, StatusHistory history, Drains drains) {
        ObjectNode out = JSON.createObjectNode();
        out.set("history", history.json());
        out.set("drains", JSON.valueToTree(drains.texts()));
        try {
            JsonNode status = control.call(control.request("status"));
            out.set("status", status);
            out.set("failover", JSON.valueToTree(FailoverView.of(status.path("failover"))));
            out.set("rates", JSON.valueToTree(StatusPage.rates(status)));
            ctx.contentType("application/json").result(out.toString());
        } catch (ControlClient.ControlException e) {
            out.put("error", e.getMessage());
            ctx.status(HttpStatus.BAD_GATEWAY).contentType("application/json").result(out.toString());
        }
    }

    private static void statusJson(Context ctx, ControlClient control) {
        try {
            ctx.contentType("application/json").result(control.call(control.request("status")).toString());
        } catch (ControlClient.ControlException e) {
            ctx.status(HttpStatus.BAD_GATEWAY).contentType("application/json")
                    .result("{\"error\":" + AuditLog.quote(e.getMessage()) + "}");
        }
    }

    private static ServerConnector tlsConnector(Server server, HttpConfiguration http, ConsoleConfig config) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(config.tlsKeystore().orElseThrow().toString());
        ssl.setKeyStoreType("PKCS12");
        try {
            ssl.setKeyStorePassword(Files.readAllLines(config.tlsPasswordFile().orElseThrow(), StandardCharsets.UTF_8).get(0));
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("cannot read the keystore password from " + config.tlsPasswordFile().get()
                    + " (its first line is the password): " + e.getMessage(), e);
        }
        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer());
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
        connector.setHost(config.host());
        connector.setPort(config.port());
        return connector;
    }
}
