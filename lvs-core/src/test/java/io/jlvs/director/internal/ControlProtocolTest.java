package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests and answers of the control protocol, one JSON object per line. */
class ControlProtocolTest {
    final RecordingTarget target = new RecordingTarget();
    final ControlProtocol protocol = new ControlProtocol(target);
    final ObjectMapper json = new ObjectMapper();

    JsonNode ask(String line) throws Exception {
        String answer = protocol.handle(line);
        assertFalse(answer.contains("\n"), "one line: " + answer);
        return json.readTree(answer);
    }

    @Test
    void statusAnswersTheTargetsValue() throws Exception {
        JsonNode r = ask("{\"command\":\"status\"}");
        assertTrue(r.get("ok").asBoolean());
        assertEquals("ACTIVE", r.at("/result/role").asText());
        assertEquals("http", r.at("/result/services/0/name").asText());
    }

    @Test
    void weightPassesItsArguments() throws Exception {
        JsonNode r = ask("{\"command\":\"weight\",\"service\":\"http\",\"server\":\"web1\",\"weight\":5}");
        assertTrue(r.get("ok").asBoolean(), r.toString());
        assertEquals(List.of("weight http web1 5"), target.calls);
    }

    @Test
    void drainTakesATimeoutInSeconds() throws Exception {
        JsonNode r = ask("{\"command\":\"drain\",\"service\":\"http\",\"server\":\"web1\",\"timeout_seconds\":2.5}");
        assertTrue(r.get("ok").asBoolean(), r.toString());
        assertEquals(List.of("drain http web1 PT2.5S"), target.calls);
        // the Director's DrainResult, its Duration in seconds (ConsoleKernelIT found a drain refused over it)
        assertTrue(r.at("/result/drained").asBoolean(), r.toString());
        assertEquals(0, r.at("/result/activeConnections").asInt(), r.toString());
        assertEquals(2.5, r.at("/result/waited_seconds").asDouble(), r.toString());
    }

    @Test
    void logLevelTakesALevelAndOptionallyALogger() throws Exception {
        JsonNode root = ask("{\"command\":\"log-level\",\"level\":\"DEBUG\"}");
        assertTrue(root.get("ok").asBoolean(), root.toString());
        JsonNode one = ask("{\"command\":\"log-level\",\"level\":\"trace\",\"logger\":\"io.jlvs.health\"}");
        assertTrue(one.get("ok").asBoolean(), one.toString());
        assertEquals(List.of("log-level (root) debug", "log-level io.jlvs.health trace"), target.calls);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"command\":\"log-level\",\"level\":\"verbose\"}",
            "{\"command\":\"log-level\"}",
            "{\"command\":\"log-level\",\"level\":\"info\",\"logger\":\"../etc/passwd\"}",
            "{\"command\":\"log-level\",\"level\":\"info\",\"logger\":\"a b\"}",
            "{\"command\":\"log-level\",\"level\":\"info\",\"file\":\"x\"}"})
    void badLogLevelRequestsAreRefusedAndChangeNothing(String request) throws Exception {
        JsonNode r = ask(request);
        assertFalse(r.get("ok").asBoolean(), r.toString());
        assertEquals(List.of(), target.calls);
    }

    @Test
    void aTargetWithoutLogLevelsSaysTheyAreFixed() {
        RecordingTarget fixed = new RecordingTarget();
        fixed.fixedLevels = true;
        String answer = new ControlProtocol(fixed).handle("{\"command\":\"log-level\",\"level\":\"info\"}");
        assertTrue(answer.contains("log levels are fixed"), answer);
    }

    @Test
    void enableAndDisable() throws Exception {
        ask("{\"command\":\"disable\",\"service\":\"http\",\"server\":\"web1\"}");
        ask("{\"command\":\"enable\",\"service\":\"http\",\"server\":\"web1\"}");
        assertEquals(List.of("disable http web1", "enable http web1"), target.calls);
    }

    @Test
    void rejectedReloadReportsTheFileAndLine() throws Exception {
        JsonNode r = ask("{\"command\":\"reload\"}");
        assertFalse(r.get("ok").asBoolean());
        assertEquals("/etc/lvs.cf:7: port: 'eighty' is not a port number", r.get("error").asText());
    }

    @Test
    void unknownCommandNamesTheKnownOnes() throws Exception {
        JsonNode r = ask("{\"command\":\"flush\"}");
        assertFalse(r.get("ok").asBoolean());
        assertTrue(r.get("error").asText().startsWith("unknown command 'flush' (known: apply-config, config, disable, drain, enable,"), r.toString());
        assertTrue(target.calls.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"command\":\"weight\",\"service\":\"http\",\"server\":\"web1\",\"weight\":-1}",
        "{\"command\":\"weight\",\"service\":\"http\",\"server\":\"web1\",\"weight\":65536}",
        "{\"command\":\"weight\",\"service\":\"http\",\"server\":\"web1\",\"weight\":2147483647}",
        "{\"command\":\"weight\",\"service\":\"http\",\"server\":\"web1\",\"weight\":\"5\"}",
        "{\"command\":\"weight\",\"service\":\"http\",\"server\":\"web1\",\"weight\":1.5}",
        "{\"command\":\"weight\",\"service\":\"http\",\"weight\":1}",
        "{\"command\":\"weight\",\"service\":\"http\",\"server\":\"web1\",\"weight\":1,\"extra\":1}",
        "{\"command\":\"drain\",\"service\":\"http\",\"server\":\"web1\",\"timeout_seconds\":-3}",
        "{\"command\":\"status\",\"verbose\":true}",
        "{\"command\":7}",
        "{}",
        "[1,2]",
        "not json",
    })
    void badRequestsAreRefusedWithAReasonAndCallNothing(String line) throws Exception {
        JsonNode r = ask(line);
        assertFalse(r.get("ok").asBoolean(), r.toString());
        assertFalse(r.get("error").asText().isBlank());
        assertTrue(target.calls.isEmpty(), target.calls.toString());
    }

    @Test
    void targetsArgumentErrorsComeBackAsErrors() throws Exception {
        JsonNode r = ask("{\"command\":\"weight\",\"service\":\"nope\",\"server\":\"web1\",\"weight\":1}");
        assertFalse(r.get("ok").asBoolean());
        assertEquals("no virtual service 'nope'", r.get("error").asText());
    }

    @Test
    void tooLongAnswerSaysTheLimit() throws Exception {
        JsonNode r = json.readTree(protocol.tooLong());
        assertTrue(r.get("error").asText().startsWith("request line longer than 65536 bytes ("), r.toString());
    }
}
