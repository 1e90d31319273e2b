package io.jlvs.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.jlvs.config.ConfigException;
import io.jlvs.config.LvsCfText;
import io.jlvs.director.ControlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * lvs.cf from the console: {@code GET /config} shows the file as panels and a text editor (read-only for
 * viewers); {@code POST /config/edit} (a panel) and {@code POST /config/review} (the whole text) make a
 * proposed text and show jlvsd's verdict on it (its diagnostics, or its plan) with the diff; {@code POST
 * /config/apply} sends the text with the hash it started from to jlvsd's {@code apply-config}, which
 * writes and reloads. The console never writes the file and never validates it itself: jlvsd does both.
 */
final class ConfigRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigRoutes.class);
    /** Diff lines written to the audit log with an apply; the rest are counted. */
    static final int AUDIT_DIFF_LINES = 200;
    private final ControlClient control;
    private final Optional<AuditLog> audit;
    private final Pages pages;

    ConfigRoutes(ControlClient control, Optional<AuditLog> audit, Pages pages) {
        this.control = control;
        this.audit = audit;
        this.pages = pages;
    }

    void show(Context ctx) throws ControlClient.ControlException {
        show(ctx, null);
    }

    private void show(Context ctx, String error) throws ControlClient.ControlException {
        Sessions.Session who = WebSecurity.session(ctx);
        JsonNode current = control.call(control.request("config"));
        String text = current.path("text").asText();
        List<ConfigPage.Panel> panels;
        try {
            panels = ConfigPage.panels(LvsCfText.outline(current.path("file").asText(), text));
        } catch (ConfigException e) {
            panels = List.of();
            error = (error == null ? "" : error + "; ") + "the file has syntax errors, only the text editor can fix them: " + e.getMessage();
        }
        pages.config(ctx, new ConfigPage(who.user(), who.role().word(), operator(who), who.csrf(), current.path("file").asText(),
                current.path("sha256").asText(), text, panels, error));
    }

    /** A panel's form: each {@code set.KEY} field that differs from the file becomes a one-line edit of the text. */
    void edit(Context ctx) throws ControlClient.ControlException {
        Sessions.Session who = WebSecurity.session(ctx);
        if (!mayChange(ctx, who)) {
            return;
        }
        List<String> keys = ConfigPage.KEYS.get(String.valueOf(ctx.formParam("panel")));
        if (keys == null) {
            WebSecurity.refuse(ctx, HttpStatus.BAD_REQUEST, "no such panel: " + ctx.formParam("panel"));
            return;
        }
        JsonNode current = control.call(control.request("config"));
        if (!current.path("sha256").asText().equals(ctx.formParam("base_sha256"))) {
            show(ctx, "lvs.cf changed since this page was loaded (someone else edited it): this is the file as it is now; redo the edit");
            return;
        }
        String file = current.path("file").asText();
        String text = current.path("text").asText();
        List<String> path = new ArrayList<>();
        String virtual = String.valueOf(ctx.formParam("virtual"));
        String server = String.valueOf(ctx.formParam("server"));
        if (!virtual.isEmpty() && !virtual.equals("null")) {
            path.add(virtual);
            if (!server.isEmpty() && !server.equals("null")) {
                path.add(server);
            }
        }
        String proposed = text;
        try {
            LvsCfText.Block block = find(LvsCfText.outline(file, text), path);
            for (String name : ctx.formParamMap().keySet()) {
                if (!name.startsWith("set.")) {
                    continue;
                }
                String key = name.substring("set.".length());
                if (!keys.contains(key)) {
                    WebSecurity.refuse(ctx, HttpStatus.BAD_REQUEST, "the " + ctx.formParam("panel") + " panel has no key " + key);
                    return;
                }
                String value = String.valueOf(ctx.formParam(name)).strip();
                if (!value.equals(block.values().getOrDefault(key, ""))) {
                    proposed = LvsCfText.set(file, proposed, path, key, value);
                }
            }
        } catch (ConfigException | IllegalArgumentException e) {
            show(ctx, e.getMessage());
            return;
        }
        review(ctx, who, file, current.path("sha256").asText(), text, proposed, strings(current.path("peers")));
    }

    /** The text editor's form. */
    void reviewText(Context ctx) throws ControlClient.ControlException {
        Sessions.Session who = WebSecurity.session(ctx);
        if (!mayChange(ctx, who)) {
            return;
        }
        JsonNode current = control.call(control.request("config"));
        String base = String.valueOf(ctx.formParam("base_sha256"));
        if (!current.path("sha256").asText().equals(base)) {
            show(ctx, "lvs.cf changed since this page was loaded (someone else edited it): this is the file as it is now; redo the edit");
            return;
        }
        review(ctx, who, current.path("file").asText(), base, current.path("text").asText(), proposedText(ctx),
                strings(current.path("peers")));
    }

    /** {@code peers}: the failover peers jlvsd's {@code config} named, whom the apply does not reach. */
    private void review(Context ctx, Sessions.Session who, String file, String base, String before, String proposed,
            List<String> peers) throws ControlClient.ControlException {
        JsonNode plan = control.call(control.request("plan").put("config", proposed));
        boolean valid = plan.path("valid").asBoolean(false);
        pages.review(ctx, new ReviewPage(who.user(), who.csrf(), "review", file, base, proposed, valid, strings(plan.path("diagnostics")),
                strings(plan.path("operations")), strings(plan.path("restart_needed")), LineDiff.of(before, proposed), null,
                strings(plan.path("warnings")), peers));
    }

    /** Sends the reviewed text to jlvsd's apply-config and shows its answer; audited either way. */
    void apply(Context ctx) throws ControlClient.ControlException {
        Sessions.Session who = WebSecurity.session(ctx);
        if (!mayChange(ctx, who)) {
            return;
        }
        String base = String.valueOf(ctx.formParam("base_sha256"));
        String proposed = proposedText(ctx);
        JsonNode current = control.call(control.request("config"));
        String before = current.path("sha256").asText().equals(base) ? current.path("text").asText() : "";
        List<LineDiff.Line> diff = LineDiff.of(before, proposed);
        ObjectNode request = control.request("apply-config").put("config", proposed).put("base_sha256", base);
        ObjectNode summary = control.request("apply-config").put("base_sha256", base);
        diff.stream().filter(l -> l.kind() == '+' || l.kind() == '-').limit(AUDIT_DIFF_LINES)
                .forEach(l -> summary.withArray("diff").add(ReviewPage.show(l)));
        String stage;
        String message;
        List<String> diagnostics = List.of();
        String answer;
        try {
            JsonNode result = control.call(request);
            stage = "applied";
            message = "Applied: " + result.path("operations").asInt() + " kernel operation(s)"
                    + (result.path("changed").asBoolean(true) ? ", previous file kept as " + result.path("previous").asText()
                            : " (the text was the file's already)")
                    + (result.path("restart_needed").isEmpty() ? "" : "; needs a restart of jlvsd: " + strings(result.path("restart_needed")));
            summary.put("sha256", result.path("sha256").asText());
            answer = "ok " + result;
        } catch (ControlClient.ControlException e) {
            stage = "refused";
            message = "jlvsd refused: " + e.getMessage();
            diagnostics = e.diagnostics();
            answer = "refused: " + e.getMessage();
        }
        audit.orElseThrow().record(who.user(), WebSecurity.client(ctx), summary.toString(), answer);
        LOG.info("{} from {}: apply-config from {} -> {}", who.user(), WebSecurity.client(ctx), base, stage);
        pages.review(ctx, new ReviewPage(who.user(), who.csrf(), stage, current.path("file").asText(), base, proposed,
                stage.equals("applied"), diagnostics, List.of(), List.of(), diff, message, List.of(), strings(current.path("peers"))));
    }

    private static boolean operator(Sessions.Session who) {
        return who.role() == Role.OPERATOR;
    }

    private boolean mayChange(Context ctx, Sessions.Session who) {
        if (!operator(who) || audit.isEmpty()) {
            WebSecurity.refuse(ctx, HttpStatus.FORBIDDEN, who.user() + " is a " + who.role().word() + ": only operators change lvs.cf");
            return false;
        }
        return true;
    }

    /** The posted text, with the CRLF line ends browsers send for form fields turned back into lvs.cf's LF. */
    private static String proposedText(Context ctx) {
        return String.valueOf(ctx.formParam("config")).replace("\r\n", "\n");
    }

    private static LvsCfText.Block find(LvsCfText.Block root, List<String> path) {
        LvsCfText.Block at = root;
        for (String name : path) {
            at = at.blocks().stream().filter(b -> b.name().equals(name)).reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalArgumentException("no block " + name + " in lvs.cf (it changed?)"));
        }
        return at;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
