package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jlvs.config.Configuration;
import io.jlvs.director.ConfigurationRejectedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * config, plan with a text and apply-config through the control protocol, over a real lvs.cf in a
 * temporary directory, validated by the director's real loader ({@link LvsCfLoader}); the director's
 * plan and reload are recorded.
 */
class ConfigEditsTest {
    static final String ONE = OneVirtualFile.text("", "");
    static final String TWO = ONE.replace("address = 10.11.12.11", "address = 10.11.12.11\n         weight = 5");

    @TempDir
    Path dir;
    Path file;
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    volatile ConfigurationRejectedException reloadRefuses;
    volatile CountDownLatch reloading;
    ControlProtocol protocol;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws IOException {
        file = dir.resolve("lvs.cf");
        Files.writeString(file, ONE);
        LvsCfLoader loader = new LvsCfLoader();
        ConfigEdits fileEdits = new ConfigEdits(new ConfigFile(file), new ConfigEdits.Director() {
            @Override
            public Configuration check(Path f, String text) throws ConfigurationRejectedException {
                return loader.load(f, text);
            }

            @Override
            public List<String> plan(Configuration proposed) {
                return List.of("weight " + proposed.virtualServers().get(0).realServers().get(0).weight());
            }

            @Override
            public List<String> restartNeeded(Configuration proposed) {
                return List.of();
            }

            @Override
            public List<String> peers() {
                return List.of("backup 10.0.0.2 alive");
            }

            @Override
            public int reload() throws ConfigurationRejectedException {
                calls.add("reload " + ConfigFile.sha256(read()));
                if (reloading != null) {
                    reloading.countDown();
                    sleep();
                }
                if (reloadRefuses != null) {
                    throw reloadRefuses;
                }
                return 1;
            }
        });
        protocol = new ControlProtocol(new RecordingTarget() {
            @Override
            public ConfigEdits configEdits() {
                return fileEdits;
            }
        });
    }

    String read() {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String result(Future<JsonNode> f) {
        try {
            return f.get(1, java.util.concurrent.TimeUnit.SECONDS).toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    JsonNode ask(ObjectNode request) throws Exception {
        String answer = protocol.handle(json.writeValueAsString(request));
        assertFalse(answer.contains("\n"), answer);
        return json.readTree(answer);
    }

    ObjectNode request(String command) {
        return json.createObjectNode().put("command", command);
    }

    JsonNode apply(String text, String base) throws Exception {
        return ask(request("apply-config").put("config", text).put("base_sha256", base));
    }

    @Test
    void configAnswersTheFilesTextAndHashAndThePeersAnEditDoesNotReach() throws Exception {
        JsonNode r = ask(request("config"));
        assertTrue(r.get("ok").asBoolean(), r.toString());
        assertEquals(ONE, r.at("/result/text").asText());
        assertEquals(ConfigFile.sha256(ONE), r.at("/result/sha256").asText());
        assertEquals(file.toString(), r.at("/result/file").asText());
        assertEquals("backup 10.0.0.2 alive", r.at("/result/peers/0").asText(), r.toString());
    }

    @Test
    void planOfAValidTextIsTheDirectorsPlanAndChangesNothing() throws Exception {
        JsonNode r = ask(request("plan").put("config", TWO));
        assertTrue(r.at("/result/valid").asBoolean(), r.toString());
        assertEquals("weight 5", r.at("/result/operations/0").asText());
        assertEquals(ONE, read());
        assertEquals(List.of(), calls);
    }

    @Test
    void planOfAnInvalidTextListsEveryDiagnosticAsCheckPrintsThem() throws Exception {
        String bad = TWO.replace("port = 80", "port = eighty").replace("weight = 5", "weight = 70000");
        JsonNode r = ask(request("plan").put("config", bad));
        assertTrue(r.get("ok").asBoolean(), r.toString());
        assertFalse(r.at("/result/valid").asBoolean(), r.toString());
        List<String> diagnostics = new ArrayList<>();
        r.at("/result/diagnostics").forEach(d -> diagnostics.add(d.asText()));
        assertEquals(2, diagnostics.size(), diagnostics.toString());
        assertTrue(diagnostics.get(0).startsWith(file + ":8: port: "), diagnostics.toString());
        assertTrue(diagnostics.get(1).startsWith(file + ":11: weight: "), diagnostics.toString());
        assertEquals(ONE, read());
    }

    @Test
    void applyWritesReloadsAndKeepsThePreviousFile() throws Exception {
        JsonNode r = apply(TWO, ConfigFile.sha256(ONE));
        assertTrue(r.get("ok").asBoolean(), r.toString());
        assertEquals(TWO, read());
        assertEquals(ONE, Files.readString(dir.resolve("lvs.cf.prev")));
        assertEquals(List.of("reload " + ConfigFile.sha256(TWO)), calls, "the reload read the new file");
        assertEquals(1, r.at("/result/operations").asInt());
        assertEquals(ConfigFile.sha256(TWO), r.at("/result/sha256").asText());
    }

    @Test
    void applyOnAFileChangedSinceItWasReadIsRefused() throws Exception {
        Files.writeString(file, ONE + "# someone else\n");
        JsonNode r = apply(TWO, ConfigFile.sha256(ONE));
        assertFalse(r.get("ok").asBoolean(), r.toString());
        assertTrue(r.get("error").asText().contains("someone else changed it"), r.toString());
        assertEquals(ONE + "# someone else\n", read());
        assertEquals(List.of(), calls);
    }

    @Test
    void applyOfAnInvalidTextIsRefusedWithItsDiagnosticsAndChangesNothing() throws Exception {
        JsonNode r = apply(TWO.replace("weight = 5", "weight = -1"), ConfigFile.sha256(ONE));
        assertFalse(r.get("ok").asBoolean(), r.toString());
        assertTrue(r.at("/diagnostics/0").asText().startsWith(file + ":11: weight: "), r.toString());
        assertEquals(ONE, read());
        assertFalse(Files.exists(dir.resolve("lvs.cf.prev")));
        assertEquals(List.of(), calls);
    }

    @Test
    void aReloadThatRefusesTheWrittenFilePutsTheOldOneBack() throws Exception {
        reloadRefuses = new ConfigurationRejectedException(file, List.of(file + ":4: scheduler: gone meanwhile"));
        JsonNode r = apply(TWO, ConfigFile.sha256(ONE));
        assertFalse(r.get("ok").asBoolean(), r.toString());
        assertEquals(file + ":4: scheduler: gone meanwhile", r.at("/diagnostics/0").asText());
        assertEquals(ONE, read());
    }

    @Test
    void ofTwoConcurrentAppliesFromTheSameFileOnlyOneIsApplied() throws Exception {
        reloading = new CountDownLatch(1);
        String three = TWO.replace("weight = 5", "weight = 6");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<JsonNode> first = pool.submit(() -> apply(TWO, ConfigFile.sha256(ONE)));
            assertTrue(reloading.await(10, java.util.concurrent.TimeUnit.SECONDS), () -> "no reload: " + result(first));
            Future<JsonNode> second = pool.submit(() -> apply(three, ConfigFile.sha256(ONE)));
            assertTrue(first.get().get("ok").asBoolean(), first.get().toString());
            assertFalse(second.get().get("ok").asBoolean(), second.get().toString());
            assertTrue(second.get().get("error").asText().contains("changed since"), second.get().toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(TWO, read());
        assertEquals(1, calls.size(), calls.toString());
    }

    @Test
    void badRequestsAreRefused() throws Exception {
        assertFalse(apply(TWO, "abc").get("ok").asBoolean());
        assertFalse(ask(request("apply-config").put("config", TWO)).get("ok").asBoolean());
        assertFalse(ask(request("apply-config").put("base_sha256", ConfigFile.sha256(ONE))).get("ok").asBoolean());
        assertFalse(ask(request("plan").put("config", 5)).get("ok").asBoolean());
        assertFalse(ask(request("config").put("file", "/etc/shadow")).get("ok").asBoolean());
        JsonNode big = ask(request("plan").put("config", "#".repeat(ConfigEdits.MAX_CONFIG_BYTES + 1)));
        assertTrue(big.get("error").asText().contains("larger than 1048576 bytes"), big.toString());
        assertEquals(ONE, read());
        assertEquals(List.of(), calls);
    }
}
