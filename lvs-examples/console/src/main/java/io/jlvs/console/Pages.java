package io.jlvs.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The HTML pages, from the templates in src/main/jte, compiled at build time (jte-maven-plugin) with
 * HTML escaping on: everything jlvsd or a user says is escaped where it is written.
 */
final class Pages {
    static final String TEMPLATE_PACKAGE = "io.jlvs.console.templates";
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html, Pages.class.getClassLoader(),
            TEMPLATE_PACKAGE);

    void login(Context ctx, String error, String csrf) {
        java.util.HashMap<String, Object> params = new java.util.HashMap<>();
        params.put("error", error);
        params.put("csrf", csrf);
        ctx.html(render("login.jte", params));
    }

    void status(Context ctx, StatusPage page) {
        ctx.html(render("status.jte", Map.of("page", page)));
    }

    void config(Context ctx, ConfigPage page) {
        ctx.html(render("config.jte", Map.of("page", page)));
    }

    void review(Context ctx, ReviewPage page) {
        ctx.html(render("review.jte", Map.of("page", page)));
    }

    private String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        return out.toString();
    }
}
