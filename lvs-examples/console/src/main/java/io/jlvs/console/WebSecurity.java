package io.jlvs.console;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The checks every request passes before a page sees it, in this order: security headers, the body
 * size limit, the session (or a redirect to the login page), and on every POST the session's CSRF token.
 * Roles are checked where a change is made ({@link ChangeRoutes}).
 */
final class WebSecurity {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final String SESSION = "jlvs.session";

    private final Sessions sessions;
    private final boolean security;
    private final boolean tls;
    private final long maxBody;
    private final long maxConfigBody;
    /** Without logins everyone is this read-only session. */
    private final Sessions.Session anonymous;

    WebSecurity(Sessions sessions, boolean security, boolean tls, long maxBody, long maxConfigBody) {
        this.maxConfigBody = maxConfigBody;
        this.sessions = sessions;
        this.security = security;
        this.tls = tls;
        this.maxBody = maxBody;
        this.anonymous = security ? null : sessions.open("anonymous", Role.VIEWER);
    }

    String cookieName() {
        // __Host-: the browser takes it only over TLS, for this host and path /, so no sibling host can set it.
        return tls ? "__Host-jlvs-session" : "jlvs-session";
    }

    /** The login form's pre-session cookie (its one-use token: {@link LoginRoutes}). */
    String loginCookieName() {
        return tls ? "__Host-jlvs-login" : "jlvs-login";
    }

    /**
     * Why a POST comes from another site, if the browser says so: {@code Sec-Fetch-Site} other than
     * same-origin or none, or an {@code Origin} other than this console's. {@code Origin: null} says
     * nothing: browsers send it on every POST under this console's {@code Referrer-Policy: no-referrer}.
     * A client that sends neither (not a browser, or an old one) is judged by the tokens alone.
     */
    static Optional<String> crossSite(Context ctx, boolean tls) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return Optional.of("Sec-Fetch-Site: " + site);
        }
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        if (origin != null && !origin.equals("null") && !origin.equalsIgnoreCase((tls ? "https://" : "http://") + host)) {
            return Optional.of("Origin " + origin + " is not this console's");
        }
        return Optional.empty();
    }

    boolean tls() {
        return tls;
    }

    static void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    }

    void check(Context ctx) {
        headers(ctx);
        if (tls) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
        String path = ctx.path();
        Optional<Sessions.Session> session = security ? sessions.find(ctx.cookie(cookieName())) : Optional.of(anonymous);
        if (ctx.method() == HandlerType.POST && ctx.contentLength() < 0) {
            // Browsers always say how long a form is; a body of unknown length would be read before it could be refused.
            refuse(ctx, HttpStatus.LENGTH_REQUIRED, "a request body must declare its length (Content-Length)");
            return;
        }
        // Only an operator's lvs.cf edit may be large: nobody else makes the console buffer megabytes.
        long limit = path.startsWith("/config/") && session.filter(s -> s.role() == Role.OPERATOR).isPresent() ? maxConfigBody : maxBody;
        if (ctx.contentLength() > limit) {
            refuse(ctx, HttpStatus.CONTENT_TOO_LARGE, "request body larger than " + limit + " bytes");
            return;
        }
        if (ctx.method() == HandlerType.POST && !path.equals("/login")) {
            Optional<String> forged = crossSite(ctx, tls);
            if (forged.isPresent()) {   // the CSRF token would stop it too; this says why in plain words
                refuse(ctx, HttpStatus.FORBIDDEN, "a change from another site is refused (" + forged.get() + ")");
                return;
            }
        }
        if (path.startsWith("/static/") || path.equals("/login")) {
            return;
        }
        if (session.isEmpty()) {
            if (ctx.method() == HandlerType.GET && !path.startsWith("/api/")) {
                ctx.redirect("/login", HttpStatus.SEE_OTHER);
                ctx.skipRemainingHandlers();
            } else {
                refuse(ctx, HttpStatus.UNAUTHORIZED, "not logged in");
            }
            return;
        }
        if (ctx.method() == HandlerType.POST && !csrfMatches(session.get(), ctx.formParam("csrf"))) {
            refuse(ctx, HttpStatus.FORBIDDEN, "missing or wrong CSRF token: reload the page and try again");
            return;
        }
        ctx.attribute(SESSION, session.get());
    }

    static Sessions.Session session(Context ctx) {
        Sessions.Session s = ctx.attribute(SESSION);
        if (s == null) {
            throw new IllegalStateException("no session on " + ctx.path() + ": WebSecurity.check did not run");
        }
        return s;
    }

    /** The peer's own address: never X-Forwarded-For, which any client can write. */
    static String client(Context ctx) {
        return ctx.req().getRemoteAddr();
    }

    static void refuse(Context ctx, HttpStatus status, String message) {
        ctx.status(status).contentType("text/plain; charset=utf-8").result(status.getCode() + " " + message + "\n");
        ctx.skipRemainingHandlers();
    }

    private static boolean csrfMatches(Sessions.Session session, String token) {
        return token != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
}
