package io.jlvs.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.jlvs.director.ControlClient;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real-server changes: each form posts to {@code /servers/ACTION} and becomes jlvsd's own control
 * command of that name, which validates it as lvs.cf is. Operators only; every request that reaches
 * jlvsd is written to the audit log with jlvsd's answer.
 */
final class ChangeRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeRoutes.class);
    /** A drain from the console waits at most this long for connections to end (in the background: {@link Drains}). */
    static final int DRAIN_SECONDS = 30;
    private final ControlClient control;
    private final Optional<AuditLog> audit;
    private final Drains drains;
    /** The outcome of each session's last change, shown once on the page it is redirected to. */
    private final Cache<String, StatusPage.Notice> notices = CacheBuilder.newBuilder().expireAfterWrite(Duration.ofMinutes(1))
            .maximumSize(Sessions.MAX_SESSIONS).build();

    ChangeRoutes(ControlClient control, Optional<AuditLog> audit, Drains drains) {
        this.control = control;
        this.audit = audit;
        this.drains = drains;
    }

    void change(Context ctx) {
        Sessions.Session who = WebSecurity.session(ctx);
        if (who.role() != Role.OPERATOR || audit.isEmpty()) {
            WebSecurity.refuse(ctx, HttpStatus.FORBIDDEN, who.user() + " is a " + who.role().word() + ": only operators change real servers");
            return;
        }
        String action = ctx.pathParam("action");
        String service = ctx.formParam("service");
        String server = ctx.formParam("server");
        if (service == null || server == null || service.isBlank() || server.isBlank()) {
            WebSecurity.refuse(ctx, HttpStatus.BAD_REQUEST, "a change names a service and a server");
            return;
        }
        ObjectNode request = control.request(action).put("service", service).put("server", server);
        switch (action) {
            case "weight" -> {
                String w = String.valueOf(ctx.formParam("weight")).strip();
                if (!w.matches("\\d{1,5}")) {
                    // The form's own check stops this in a browser; a hand-made request gets the page with the message.
                    notice(ctx, who, new StatusPage.Notice("Not sent: weight " + service + " " + server
                            + ": weight must be a whole number 0..65535, got '" + w + "'", true));
                    return;
                }
                request.put("weight", Integer.parseInt(w));
            }
            case "drain" -> {
                drain(ctx, who, request.put("timeout_seconds", DRAIN_SECONDS), service, server);
                return;
            }
            case "enable", "disable" -> {
                // service and server are all they take
            }
            default -> {
                WebSecurity.refuse(ctx, HttpStatus.NOT_FOUND, "no such change: " + action);
                return;
            }
        }
        String answer;
        boolean ok;
        try {
            answer = "ok " + control.call(request);
            ok = true;
        } catch (ControlClient.ControlException e) {
            answer = "refused: " + e.getMessage();
            ok = false;
        }
        record(who.user(), WebSecurity.client(ctx), request, answer);
        notice(ctx, who, new StatusPage.Notice((ok ? "Done: " : "jlvsd refused: ") + action + " " + service + " " + server
                + (ok ? "" : ": " + answer.substring("refused: ".length())), !ok));
    }

    /** Starts jlvsd's drain in the background and answers at once; the status page shows its progress. */
    private void drain(Context ctx, Sessions.Session who, ObjectNode request, String service, String server) {
        String client = WebSecurity.client(ctx);
        Optional<String> refused = drains.start(service, server, who.user(), () -> control.call(request).toString(),
                end -> record(who.user(), client, request, (end.failed() ? "refused: " : "ok ") + end.outcome()));
        if (refused.isPresent()) {
            notice(ctx, who, new StatusPage.Notice("Not started: drain " + service + " " + server + ": " + refused.get(), true));
            return;
        }
        record(who.user(), client, request, "started");
        notice(ctx, who, new StatusPage.Notice("Started: drain " + service + " " + server + " (its progress is under Drains)", false));
    }

    private void record(String user, String client, ObjectNode request, String answer) {
        audit.get().record(user, client, request.toString(), answer);
        LOG.info("{} from {}: {} -> {}", user, client, request, answer);
    }

    private void notice(Context ctx, Sessions.Session who, StatusPage.Notice notice) {
        notices.put(who.id(), notice);
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    /** The notice left for this session by its last change, once. */
    StatusPage.Notice takeNotice(Sessions.Session who) {
        StatusPage.Notice n = notices.getIfPresent(who.id());
        notices.invalidate(who.id());
        return n;
    }
}
