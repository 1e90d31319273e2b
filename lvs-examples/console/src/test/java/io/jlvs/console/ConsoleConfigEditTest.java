package io.jlvs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * lvs.cf edited from the console: a panel's form or the text editor makes a proposed text, the review
 * shows jlvsd's diagnostics or plan and the diff, apply sends it with its base hash; all through jlvsd's
 * real control server and its real editing commands over a real file.
 */
class ConsoleConfigEditTest extends ConsoleTest {
    private static final Pattern SHA = Pattern.compile("<code id=\"sha256\">([0-9a-f]{64})</code>");
    private static final Pattern HIDDEN_TEXT = Pattern.compile("<textarea name=\"config\" hidden>(.*?)</textarea>", Pattern.DOTALL);

    String sha(String cookie) throws Exception {
        Matcher m = SHA.matcher(console.get("/config", cookie).body());
        assertTrue(m.find(), "no hash on /config");
        return m.group(1);
    }

    Map<String, String> rs1Weight(String cookie, String weight) throws Exception {
        Map<String, String> form = new HashMap<>(Map.of("csrf", console.csrf(cookie), "base_sha256", sha(cookie), "panel", "server",
                "virtual", "web", "server", "rs1", "set.address", "10.11.12.11", "set.active", "1", "set.weight", weight));
        return form;
    }

    static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", "\"").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    @Test
    void aWeightEditedInTheRealServerPanelIsReviewedAppliedAndAudited() throws Exception {
        String cookie = console.session("olga");
        String page = console.get("/config", cookie).body();
        assertTrue(page.contains("GLOBAL SETTINGS") && page.contains("REDUNDANCY") && page.contains("VIRTUAL SERVER web")
                && page.contains("REAL SERVER web / rs1") && page.contains("MONITORING SCRIPTS web"), page);
        String base = sha(cookie);
        HttpResponse<String> review = console.post("/config/edit", cookie, rs1Weight(cookie, "7"));
        assertEquals(200, review.statusCode(), review.body());
        assertTrue(review.body().contains("Route weight 1 -&gt; 7"), review.body());
        assertTrue(review.body().contains("-   15          weight = 1   # the small one"), review.body());
        assertTrue(review.body().contains("+   15          weight = 7   # the small one"), review.body());
        assertEquals(FakeDirector.LVS_CF, Files.readString(console.director.file), "a review writes nothing");
        assertTrue(review.body().contains("<p class=\"error\" id=\"peer-notice\">Apply changes this director only.")
                && review.body().contains("Its peer (backup 10.0.0.2 alive; ) keeps its own /"), "the peer is not changed: " + review.body());

        Matcher text = HIDDEN_TEXT.matcher(review.body());
        assertTrue(text.find(), review.body());
        HttpResponse<String> applied = console.post("/config/apply", cookie,
                Map.of("csrf", console.csrf(cookie), "base_sha256", base, "config", unescape(text.group(1)).replace("\n", "\r\n")));
        assertEquals(200, applied.statusCode(), applied.body());
        assertTrue(applied.body().contains("Applied: 1 kernel operation(s)"), applied.body());
        assertTrue(applied.body().contains("id=\"peer-notice\">Applied on this director only."), applied.body());
        assertEquals(FakeDirector.LVS_CF.replace("weight = 1   # the small one", "weight = 7   # the small one"),
                Files.readString(console.director.file), "only the weight's line changed, LF line ends kept");
        assertEquals(FakeDirector.LVS_CF, Files.readString(console.director.file.resolveSibling("lvs.cf.prev")));
        assertEquals(7, console.director.weights.get("rs1"));
        assertTrue(console.get("/", cookie).body().contains("<td class=\"weight\">7"), "the status page shows it");
        String audit = console.auditText();
        assertTrue(audit.startsWith(audit.substring(0, 24)) && audit.contains("user=\"olga\"") && audit.contains("apply-config")
                && audit.contains("weight = 7") && audit.contains("answer=\"ok "), audit);
    }

    @Test
    void aBadValueShowsJlvsdsFileLineKeyMessageAndNothingCanBeApplied() throws Exception {
        String cookie = console.session("olga");
        HttpResponse<String> review = console.post("/config/edit", cookie, rs1Weight(cookie, "70000"));
        assertEquals(200, review.statusCode(), review.body());
        assertTrue(review.body().contains(console.director.file + ":15: weight: "), review.body());
        assertFalse(review.body().contains("action=\"/config/apply\""), "no apply button for an invalid text");
        assertEquals(FakeDirector.LVS_CF, Files.readString(console.director.file));
        assertEquals(List.of(), console.director.calls());
        assertEquals("", console.auditText());
    }

    @Test
    void anApplyPastTheReviewIsStillRefusedByJlvsdWithItsDiagnostics() throws Exception {
        String cookie = console.session("olga");
        HttpResponse<String> r = console.post("/config/apply", cookie, Map.of("csrf", console.csrf(cookie), "base_sha256", sha(cookie),
                "config", FakeDirector.LVS_CF.replace("port = 80", "port = eighty")));
        assertTrue(r.body().contains("jlvsd refused") && r.body().contains(console.director.file + ":10: port: "), r.body());
        assertEquals(FakeDirector.LVS_CF, Files.readString(console.director.file));
        assertTrue(console.auditText().contains("answer=\"refused: "), console.auditText());
    }

    @Test
    void anEditFromAPageLoadedBeforeSomeoneElseChangedTheFileIsRefused() throws Exception {
        String cookie = console.session("olga");
        Map<String, String> form = rs1Weight(cookie, "7");
        Files.writeString(console.director.file, FakeDirector.LVS_CF + "# edited by hand\n");
        HttpResponse<String> r = console.post("/config/edit", cookie, form);
        assertTrue(r.body().contains("changed since this page was loaded"), r.body());
        HttpResponse<String> apply = console.post("/config/apply", cookie, Map.of("csrf", form.get("csrf"), "base_sha256",
                form.get("base_sha256"), "config", FakeDirector.LVS_CF.replace("weight = 1   #", "weight = 7   #")));
        assertTrue(apply.body().contains("someone else changed it"), apply.body());
        assertEquals(FakeDirector.LVS_CF + "# edited by hand\n", Files.readString(console.director.file));
    }

    @Test
    void theTextEditorReviewsAnyKeyAndAViewerSeesTheFileReadOnly() throws Exception {
        String cookie = console.session("olga");
        HttpResponse<String> r = console.post("/config/review", cookie, Map.of("csrf", console.csrf(cookie), "base_sha256", sha(cookie),
                "config", FakeDirector.LVS_CF.replace("network = direct", "network = direct\nkeepalive = 2")));
        assertTrue(r.body().contains("+    6 keepalive = 2") && r.body().contains("no kernel operations"), r.body());
        assertFalse(r.body().contains("id=\"warnings\""), "no warnings, no list");
        r = console.post("/config/review", cookie, Map.of("csrf", console.csrf(cookie), "base_sha256", sha(cookie),
                "config", FakeDirector.LVS_CF.replace("network = direct", "network = direct\nno_such_key = 2")));
        assertTrue(r.body().contains("<ul id=\"warnings\"><li class=\"warning\">")
                && r.body().contains(":6: warning: no_such_key: unknown key"), "jlvsd's warning on the review: " + r.body());

        String viewer = console.session("victor");
        String page = console.get("/config", viewer).body();
        assertTrue(page.contains("readonly") && page.contains("the console&#39;s test cluster") || page.contains("the console's test cluster"), page);
        assertFalse(page.contains("<button type=\"submit\">Review</button>"), "a viewer gets no buttons");
        String csrf = console.csrf(viewer);
        for (String path : List.of("/config/edit", "/config/review", "/config/apply")) {
            assertEquals(403, console.post(path, viewer, Map.of("csrf", csrf, "base_sha256", sha(viewer), "panel", "server",
                    "config", "x")).statusCode(), path);
        }
        assertEquals(403, console.post("/config/apply", cookie, Map.of("base_sha256", sha(cookie), "config", "x")).statusCode(), "no CSRF token");
        assertEquals(FakeDirector.LVS_CF, Files.readString(console.director.file));
        assertEquals("", console.auditText());
    }

    @Test
    void aPanelCannotSetAKeyItDoesNotHave() throws Exception {
        String cookie = console.session("olga");
        Map<String, String> form = rs1Weight(cookie, "1");
        form.put("set.check_script_user", "root");
        assertEquals(400, console.post("/config/edit", cookie, form).statusCode());
    }
}
