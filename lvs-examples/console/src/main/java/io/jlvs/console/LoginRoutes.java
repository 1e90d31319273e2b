package io.jlvs.console;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login form, logging in (rate limited) and out.
 *
 * <p>Login CSRF (a forged form that logs the victim in as the attacker, so that what the victim then
 * types lands in the attacker's account): each form carries a one-use token that is also in a
 * {@code SameSite=Strict}, {@code HttpOnly} pre-session cookie ({@code __Host-} over TLS) and in a
 * bounded, expiring store here. A cross-site POST does not carry the cookie; a token the console never
 * issued, or one already used, is refused. A browser's {@code Sec-Fetch-Site} (or an {@code Origin}
 * that is not "null") naming another site is refused before anything else ({@link WebSecurity#crossSite}).
 */
final class LoginRoutes {
    /** How long a login form stays good. */
    static final java.time.Duration FORM_LIFETIME = java.time.Duration.ofMinutes(15);
    private static final Logger LOG = LoggerFactory.getLogger(LoginRoutes.class);
    private final UsersFile users;
    private final Sessions sessions;
    private final LoginLimiter limiter;
    private final WebSecurity security;
    private final Pages pages;
    /** Login forms handed out and not yet used. */
    private final com.google.common.cache.Cache<String, Boolean> forms;

    LoginRoutes(UsersFile users, Sessions sessions, LoginLimiter limiter, WebSecurity security, Pages pages,
            com.google.common.base.Ticker ticker) {
        this.users = users;
        this.sessions = sessions;
        this.limiter = limiter;
        this.security = security;
        this.pages = pages;
        this.forms = com.google.common.cache.CacheBuilder.newBuilder().ticker(ticker).expireAfterWrite(FORM_LIFETIME)
                .maximumSize(Sessions.MAX_SESSIONS).build();
    }

    void form(Context ctx) {
        showForm(ctx, null);
    }

    /**
     * The form with its one-use token, in the page and in the pre-session cookie. A browser that holds a
     * token still unused keeps it: every form it shows (another tab, or the login page a browser loads
     * again when a request such as /favicon.ico is sent there) must match the one cookie it has.
     */
    private void showForm(Context ctx, String error) {
        String held = ctx.cookie(security.loginCookieName());
        String token = held != null && forms.getIfPresent(held) != null ? held : Sessions.token();
        forms.put(token, Boolean.TRUE);
        ctx.cookie(new Cookie(security.loginCookieName(), token, "/", (int) FORM_LIFETIME.toSeconds(), security.tls(), true, null,
                SameSite.STRICT));
        pages.login(ctx, error, token);
    }

    void login(Context ctx) {
        String client = WebSecurity.client(ctx);
        Optional<String> forged = WebSecurity.crossSite(ctx, security.tls());
        String token = ctx.formParam("csrf");
        String cookie = ctx.cookie(security.loginCookieName());
        boolean issued = token != null && forms.asMap().remove(token) != null;
        if (forged.isPresent() || !issued || cookie == null
                || !java.security.MessageDigest.isEqual(token.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        cookie.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            LOG.warn("login form refused from {}: {}", client, forged.orElse(issued ? "its token is not the one in its cookie"
                    : "a token this console did not issue, or already used or expired"));
            ctx.status(HttpStatus.FORBIDDEN);
            showForm(ctx, "This login form expired or did not come from this console: log in again.");
            return;
        }
        String user = Optional.ofNullable(ctx.formParam("user")).orElse("");
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        if (!limiter.allowed(client, user)) {
            LOG.warn("login refused for {} from {}: too many failed attempts", user, client);
            ctx.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(LoginLimiter.WINDOW.toSeconds()));
            showForm(ctx, "Too many failed logins: try again in " + LoginLimiter.WINDOW.toMinutes() + " minutes.");
            return;
        }
        char[] secret = password.toCharArray();
        Optional<UsersFile.User> who;
        try {
            who = users.authenticate(user, secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
        if (who.isEmpty()) {
            limiter.failed(client, user);
            LOG.info("failed login for {} from {}", user, client);
            ctx.status(HttpStatus.UNAUTHORIZED);
            showForm(ctx, "Wrong user name or password.");
            return;
        }
        limiter.succeeded(user);
        Sessions.Session s = sessions.open(who.get().name(), who.get().role());
        LOG.info("{} ({}) logged in from {}", s.user(), s.role().word(), client);
        ctx.cookie(new Cookie(security.cookieName(), s.id(), "/", -1, security.tls(), true, null, SameSite.STRICT));
        ctx.cookie(new Cookie(security.loginCookieName(), "", "/", 0, security.tls(), true, null, SameSite.STRICT));
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    void logout(Context ctx) {
        Sessions.Session s = WebSecurity.session(ctx);
        sessions.close(s.id());
        ctx.cookie(new Cookie(security.cookieName(), "", "/", 0, security.tls(), true, null, SameSite.STRICT));
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }
}
