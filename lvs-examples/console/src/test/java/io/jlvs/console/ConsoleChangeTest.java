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
        assertEquals(List.of("disable web rs2", "enable web rs2", "drain web rs2 PT30S"), console.director.calls());
        assertEquals(3, console.auditText().lines().count());
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
