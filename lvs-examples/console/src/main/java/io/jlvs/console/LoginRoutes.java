package io.jlvs.console;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The login form, logging in (rate limited) and out. */
final class LoginRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(LoginRoutes.class);
    private final UsersFile users;
    private final Sessions sessions;
    private final LoginLimiter limiter;
    private final WebSecurity security;
    private final Pages pages;

    LoginRoutes(UsersFile users, Sessions sessions, LoginLimiter limiter, WebSecurity security, Pages pages) {
        this.users = users;
        this.sessions = sessions;
        this.limiter = limiter;
        this.security = security;
        this.pages = pages;
    }

    void form(Context ctx) {
        pages.login(ctx, null);
    }

    void login(Context ctx) {
        String client = WebSecurity.client(ctx);
        String user = Optional.ofNullable(ctx.formParam("user")).orElse("");
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        if (!limiter.allowed(client, user)) {
            LOG.warn("login refused for {} from {}: too many failed attempts", user, client);
            ctx.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(LoginLimiter.WINDOW.toSeconds()));
            pages.login(ctx, "Too many failed logins: try again in " + LoginLimiter.WINDOW.toMinutes() + " minutes.");
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
            pages.login(ctx, "Wrong user name or password.");
            return;
        }
        limiter.succeeded(user);
        Sessions.Session s = sessions.open(who.get().name(), who.get().role());
        LOG.info("{} ({}) logged in from {}", s.user(), s.role().word(), client);
        ctx.cookie(new Cookie(security.cookieName(), s.id(), "/", -1, security.tls(), true, null, SameSite.STRICT));
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    void logout(Context ctx) {
        Sessions.Session s = WebSecurity.session(ctx);
        sessions.close(s.id());
        ctx.cookie(new Cookie(security.cookieName(), "", "/", 0, security.tls(), true, null, SameSite.STRICT));
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }
}
