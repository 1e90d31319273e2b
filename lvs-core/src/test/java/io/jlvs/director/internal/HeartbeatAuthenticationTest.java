package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.config.ClusterSettings;
import io.jlvs.config.Configuration;
import io.jlvs.config.LvsCf;
import io.jlvs.director.ConfigurationRejectedException;
import io.jlvs.failover.HeartbeatKeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pair's heartbeats are authenticated with a key file, or knowingly not at all; never by default. */
class HeartbeatAuthenticationTest {
    private static final String PAIR = """
            primary = 10.23.8.1
            backup = 10.23.8.2
            backup_active = 1
            heartbeat = 1
            """;

    private static ClusterSettings cluster(String text) throws Exception {
        return LvsCf.parse("lvs.cf", text).configuration().cluster();
    }

    @Test
    void aPairWithoutAKeyFileIsRefusedSayingHowToMakeOne() throws Exception {
        List<String> problems = HeartbeatAuthentication.problems(cluster(PAIR));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("jlvsd keygen -o /etc/jlvs/heartbeat.key"), problems.get(0));
        assertTrue(problems.get(0).contains("heartbeat_insecure = 1"), problems.get(0));
        assertThrows(IllegalArgumentException.class,
                () -> FailoverRolePort.failoverConfig(LvsCf.parse("lvs.cf", PAIR).configuration(), true));
    }

    @Test
    void theDirectorsLoaderRejectsSuchAFileAndNothingRuns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lvs.cf");
        Files.writeString(file, PAIR);
        ConfigurationRejectedException e = assertThrows(ConfigurationRejectedException.class,
                () -> new LvsCfLoader().load(file));
        assertTrue(e.problems().get(0).startsWith(file + ": heartbeat_key_file: "), e.problems().toString());
    }

    @Test
    void heartbeatInsecureIsAnExplicitChoiceShownAsSuch() throws Exception {
        ClusterSettings c = cluster(PAIR + "heartbeat_insecure = 1\n");
        assertEquals(List.of(), HeartbeatAuthentication.problems(c));
        assertEquals("insecure", HeartbeatAuthentication.of(c).label());
    }

    @Test
    void aPrivateKeyFileIsTheSecureMode(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("heartbeat.key");
        HeartbeatKeyFile.create(key);
        ClusterSettings c = cluster(PAIR + "heartbeat_key_file = \"" + key + "\"\n");
        assertEquals(List.of(), HeartbeatAuthentication.problems(c));
        assertEquals("key-file", HeartbeatAuthentication.of(c).label());

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(HeartbeatAuthentication.problems(c).get(0).contains("chmod 600"), HeartbeatAuthentication.problems(c).toString());
        Files.delete(key);
        assertTrue(HeartbeatAuthentication.problems(c).get(0).contains(key.toString()));
    }

    @Test
    void aSingleDirectorNeedsNoKey() throws Exception {
        for (String text : List.of("primary = 10.23.8.1\n", PAIR.replace("heartbeat = 1", "heartbeat = 0"))) {
            ClusterSettings c = cluster(text);
            assertEquals(List.of(), HeartbeatAuthentication.problems(c));
            assertEquals("none", HeartbeatAuthentication.of(c).label());
        }
    }

    static Configuration withKey(String text, Path dir) throws Exception {
        Path key = dir.resolve("heartbeat.key");
        if (!Files.exists(key)) {
            HeartbeatKeyFile.create(key);
        }
        return LvsCf.parse("lvs.cf", text + "heartbeat_key_file = \"" + key + "\"\n").configuration();
    }
}
