package io.jlvs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Changes go through jlvsd's control commands, for operators with the session's CSRF token only, and are audited. */
class ConsoleChangeTest extends ConsoleTest {

    @Test
    void operatorSetsAWeightThatJlvsdsStatusShowsAndTheAuditLogRecords() throws Exception {
        String cookie = console.session("olga");
        HttpResponse<String> r = console.post("/servers/weight", cookie,
                Map.of("service", "web", "server", "rs1", "weight", "7", "csrf", console.csrf(cookie)));
        assertEquals(303, r.statusCode(), r.body());
        assertEquals(List.of("weight web rs1 7"), console.director.calls());

        JsonNode status = new ObjectMapper().readTree(console.get("/api/status", cookie).body());
        assertEquals(7, status.at("/services/0/servers/0/weight").asInt(), status.toString());
        String audit = console.auditText();
        assertTrue(audit.matches("\\d{4}-\\d\\d-\\d\\dT\\S+ user=\"olga\" client=\"127\\.0\\.0\\.1\" command=\"\\{\\\\\"command\\\\\":\\\\\"weight\\\\\","
                + ".*\\\\\"weight\\\\\":7\\}\" answer=\"ok \\{\\\\\"weight\\\\\":7\\}\"\n"), audit);
        assertTrue(console.get("/", cookie).body().contains("Done: weight web rs1"));
    }

    @Test
    void drainEnableAndDisableAreJlvsdsOwnCommands() throws Exception {
        String cookie = console.session("olga");
        String csrf = console.csrf(cookie);
        for (String action : List.of("disable", "enable", "drain")) {
            assertEquals(303, console.post("/servers/" + action, cookie, Map.of("service", "web", "server", "rs2", "csrf", csrf)).statusCode());
        }
        Wait.until(java.time.Duration.ofSeconds(10), "the drain's end in the audit log", Wait.unchecked(() -> console.auditText().lines().count()),
                n -> n == 4);
        assertEquals(List.of("disable web rs2", "enable web rs2", "drain web rs2 PT30S"), console.director.calls());
        List<String> audit = console.auditText().lines().toList();
        assertTrue(audit.get(2).contains("\\\"command\\\":\\\"drain\\\"") && audit.get(2).endsWith("answer=\"started\""), audit.get(2));
        assertTrue(audit.get(3).contains("answer=\"ok {\\\"activeConnections\\\":0,\\\"drained\\\":true}\"")
                || audit.get(3).contains("answer=\"ok {\\\"drained\\\":true,\\\"activeConnections\\\":0}\""), audit.get(3));
    }

    @Test
    void aDrainDoesNotHoldTheRequestAndThePageShowsItsProgressThenItsOutcome() throws Exception {
        console.director.drainGate = new java.util.concurrent.CountDownLatch(1);
        String cookie = console.session("olga");
        long t0 = System.nanoTime();
        HttpResponse<String> r = console.post("/servers/drain", cookie, Map.of("service", "web", "server", "rs2", "csrf", console.csrf(cookie)));
        assertEquals(303, r.statusCode(), r.body());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "the request returned while jlvsd still drains");
        Wait.until(java.time.Duration.ofSeconds(10), "jlvsd asked to drain", () -> console.director.calls(),
                c -> c.equals(List.of("drain web rs2 PT30S")));
        String page = console.get("/", cookie).body();
        assertTrue(page.contains("Started: drain web rs2"), page);
        assertTrue(page.contains("drain web rs2 by olga: running for "), page);
        HttpResponse<String> again = console.post("/servers/drain", cookie, Map.of("service", "web", "server", "rs2", "csrf", console.csrf(cookie)));
        assertEquals(303, again.statusCode());
        assertTrue(console.get("/", cookie).body().contains("Not started: drain web rs2: web rs2 is already being drained (by olga)"));

        console.director.drainGate.countDown();
        String done = Wait.until(java.time.Duration.ofSeconds(10), "the drain's outcome in /api/live",
                Wait.unchecked(() -> live(cookie).path("drains").path(0).asText()), t -> !t.contains("running"));
        assertTrue(done.startsWith("drain web rs2 by olga: {") && done.contains("\"drained\":true"), done);
        assertEquals(List.of("drain web rs2 PT30S"), console.director.calls(), "the second drain was not sent");
    }

    @Test
    void aWeightThatIsNotANumberShowsTheStatusPageWithTheMessageAndSendsNothing() throws Exception {
        String cookie = console.session("olga");
        for (String w : List.of("abc", "-1", "1e3", "")) {
            HttpResponse<String> r = console.post("/servers/weight", cookie, Map.of("service", "web", "server", "rs1", "weight", w,
                    "csrf", console.csrf(cookie)));
            assertEquals(303, r.statusCode(), w + ": " + r.body());
            assertEquals("/", r.headers().firstValue("Location").orElseThrow());
            String page = console.get("/", cookie).body();
            assertTrue(page.contains("<p class=\"notice refused\">Not sent: weight web rs1: weight must be a whole number 0..65535, got '"
                    + w + "'</p>"), w + ": " + page);
        }
        assertTrue(console.director.calls().isEmpty());
        assertEquals("", console.auditText());
    }

    private JsonNode live(String cookie) throws Exception {
        HttpResponse<String> r = console.get("/api/live", cookie);
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void jlvsdsRefusalIsShownAndAudited() throws Exception {
        String cookie = console.session("olga");
        String csrf = console.csrf(cookie);
        assertEquals(303, console.post("/servers/weight", cookie, Map.of("service", "web", "server", "rs1", "weight", "70000", "csrf", csrf)).statusCode());
        assertTrue(console.director.calls().isEmpty());
        assertTrue(console.auditText().contains("answer=\"refused: 'weight' must be a whole number 0..65535, got 70000\""), console.auditText());
        assertTrue(console.get("/", cookie).body().contains("jlvsd refused: weight web rs1"));
    }

    @Test
    void forgedOrMissingCsrfTokenIsForbiddenAndChangesNothing() throws Exception {
        String cookie = console.session("olga");
        String other = console.csrf(console.session("victor"));
        assertEquals(403, console.post("/servers/weight", cookie, Map.of("service", "web", "server", "rs1", "weight", "7")).statusCode());
        assertEquals(403, console.post("/servers/weight", cookie, Map.of("service", "web", "server", "rs1", "weight", "7", "csrf", "forged")).statusCode());
        assertEquals(403, console.post("/servers/weight", cookie, Map.of("service", "web", "server", "rs1", "weight", "7", "csrf", other)).statusCode(),
                "another session's token");
        assertTrue(console.director.calls().isEmpty());
        assertEquals("", console.auditText());
    }

    @Test
    void viewerPostingAChangeIsForbiddenAndChangesNothing() throws Exception {
        String cookie = console.session("victor");
        String csrf = console.csrf(cookie);
        assertTrue(!console.get("/", cookie).body().contains("/servers/weight"), "a viewer sees no change forms");
        for (String action : List.of("weight", "drain", "enable", "disable")) {
            HttpResponse<String> r = console.post("/servers/" + action, cookie, Map.of("service", "web", "server", "rs1", "weight", "7", "csrf", csrf));
            assertEquals(403, r.statusCode(), action);
        }
        assertTrue(console.director.calls().isEmpty());
        assertEquals("", console.auditText());
    }
}
