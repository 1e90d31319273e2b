package io.jlvs.cli.jlvsctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.config.Configuration;
import io.jlvs.director.ConfigurationRejectedException;
import io.jlvs.director.DirectorStatus;
import io.jlvs.director.internal.ConfigEdits;
import io.jlvs.director.internal.ConfigFile;
import io.jlvs.director.internal.LvsCfLoader;
import io.jlvs.director.internal.ControlServer;
import io.jlvs.director.internal.ControlTarget;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jlvsctl against a real control socket whose director is a stand-in that records the calls. */
class JlvsctlTest {
    @TempDir
    Path dir;
    ControlServer server;
    final List<String> calls = new ArrayList<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    final ControlTarget target = new ControlTarget() {
        @Override
        public Object status() {
            return new DirectorStatus("ACTIVE", List.of("backup 10.0.0.2 alive"), 1, "/etc/sysconfig/ha/lvs.cf", List.of(
                    new DirectorStatus.Service("web", "TCP 10.23.8.80:80", "rr", true, true, List.of(
                            new DirectorStatus.Server("rs1", "10.11.12.11:80", 1, 1, "UP", "200 OK", "enabled", 3, 1),
                            new DirectorStatus.Server("rs2", "10.11.12.12:80", 1, 0, "DOWN", "connection refused", "enabled", 0, 0)))),
                    "key-file");
        }

        @Override
        public int reload() throws Exception {
            throw new Exception("/etc/sysconfig/ha/lvs.cf:14: port: 'http' is not a number");
        }

        @Override
        public List<String> plan() {
            return List.of();
        }

        @Override
        public void weight(String service, String server, int weight) {
            calls.add("weight " + service + " " + server + " " + weight);
        }

        @Override
        public void enable(String service, String server, boolean enabled) {
            calls.add((enabled ? "enable " : "disable ") + service + " " + server);
        }

        @Override
        public Object drain(String service, String server, Duration timeout) {
            calls.add("drain " + service + " " + server + " " + timeout);
            return Map.of("drained", false, "activeConnections", 2);
        }

        @Override
        public ConfigEdits configEdits() {
            return edits;
        }

        @Override
        public String logLevel(Optional<String> logger, String level) {
            calls.add("log-level " + logger.orElse("-") + " " + level);
            return logger.orElse("root") + ": " + level + " (was info)";
        }
    };

    /** lvs.cf editing over a real file, checked by jlvsd's loader; the plan is the first server's weight. */
    ConfigEdits edits;

    static final String CF = """
            network = direct
            virtual web {
                 address = 10.23.8.80
                 port = 80
                 server rs1 {
                     address = 10.11.12.11
                     weight = %d
                 }
            }
            """;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("lvs.cf"), CF.formatted(1));
        LvsCfLoader loader = new LvsCfLoader();
        edits = new ConfigEdits(new ConfigFile(dir.resolve("lvs.cf")), new ConfigEdits.Director() {
            @Override
            public Configuration check(Path f, String text) throws ConfigurationRejectedException {
                return loader.load(f, text);
            }

            @Override
            public List<String> plan(Configuration proposed) {
                return List.of("~ rs1 weight " + proposed.virtualServers().get(0).realServers().get(0).weight());
            }

            @Override
            public List<String> restartNeeded(Configuration proposed) {
                return List.of();
            }

            @Override
            public int reload() {
                calls.add("reload");
                return 1;
            }
        });
        server = ControlServer.start(dir.resolve("jlvsd.sock"), Optional.empty(), target);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    int run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-s";
        all[1] = server.path().toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return Jlvsctl.run(new PrintWriter(out), new PrintWriter(err), all);
    }

    @Test
    void statusAsATable() {
        assertEquals(0, run("status"), err.toString());
        String text = out.toString();
        assertTrue(text.startsWith("role ACTIVE   failovers 1   config /etc/sysconfig/ha/lvs.cf\n"
                + "heartbeat authentication key-file\npeer backup 10.0.0.2 alive\n"), text);
        assertTrue(text.contains("virtual web   TCP 10.23.8.80:80   rr   in kernel"), text);
        assertTrue(text.matches("(?s).*rs2\\s+10\\.11\\.12\\.12:80\\s+DOWN\\s+0\\s+1\\s+enabled\\s+0\\s+0\\s+connection refused.*"), text);
    }

    @Test
    void statusAsJson() {
        assertEquals(0, run("status", "--json"));
        assertTrue(out.toString().contains("\"role\" : \"ACTIVE\""), out.toString());
        assertTrue(out.toString().contains("\"heartbeatAuthentication\" : \"key-file\""), out.toString());
    }

    @Test
    void commandsCarryTheirArguments() {
        assertEquals(0, run("weight", "web", "rs1", "5"));
        assertEquals(0, run("disable", "web", "rs1"));
        assertEquals(0, run("enable", "web", "10.11.12.11:80"));
        assertEquals(0, run("drain", "web", "rs2", "--timeout", "1.5"));
        assertEquals(List.of("weight web rs1 5", "disable web rs1", "enable web 10.11.12.11:80", "drain web rs2 PT1.5S"), calls);
        assertTrue(out.toString().contains("rs2 taken out of web after the timeout with 2 active connection(s) left"), out.toString());
    }

    @Test
    void logLevelForAllOrOneLogger() {
        assertEquals(0, run("log-level", "debug"));
        assertEquals(0, run("log-level", "trace", "io.jlvs.health"));
        assertEquals(List.of("log-level - debug", "log-level io.jlvs.health trace"), calls);
        assertEquals("root: debug (was info)\nio.jlvs.health: trace (was info)\n", out.toString());
        assertEquals(1, run("log-level", "loud"));
        assertTrue(err.toString().contains("log level must be one of trace, debug, info, warn, error, off, got 'loud'"), err.toString());
    }

    @Test
    void refusedReloadShowsTheFileAndLineAndExitsOne() {
        assertEquals(1, run("reload"));
        assertEquals("jlvsctl: /etc/sysconfig/ha/lvs.cf:14: port: 'http' is not a number\n", err.toString());
    }

    @Test
    void emptyPlan() {
        assertEquals(0, run("plan"));
        assertEquals("# no changes\n", out.toString());
    }

    @Test
    void configCheckAndApplyAnEditedFile() throws Exception {
        assertEquals(0, run("config"));
        assertEquals(CF.formatted(1), out.toString());
        String sha = ConfigFile.sha256(CF.formatted(1));
        assertEquals("# " + dir.resolve("lvs.cf") + " sha256 " + sha + "\n", err.toString());

        Path edited = Files.writeString(dir.resolve("edited.cf"), "no_such_key = 1\n" + CF.formatted(7));
        out.getBuffer().setLength(0);
        assertEquals(0, run("check-config", edited.toString()));
        assertTrue(out.toString().startsWith("~ rs1 weight 7\n") && out.toString().contains("lvs.cf:1: warning: no_such_key"), out.toString());
        assertEquals(CF.formatted(1), Files.readString(dir.resolve("lvs.cf")), "a check writes nothing");

        out.getBuffer().setLength(0);
        assertEquals(0, run("apply-config", edited.toString(), "--base", sha));
        assertTrue(out.toString().startsWith("applied: 1 kernel operation(s); previous file kept as "), out.toString());
        assertEquals("no_such_key = 1\n" + CF.formatted(7), Files.readString(dir.resolve("lvs.cf")));
        assertEquals(List.of("reload"), calls);

        err.getBuffer().setLength(0);
        assertEquals(1, run("apply-config", edited.toString(), "--base", sha), "the file changed since that hash");
        assertTrue(err.toString().contains("changed since this edit started from it"), err.toString());
    }

    @Test
    void aFileJlvsdRefusesShowsItsFileLineMessagesAndChangesNothing() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.cf"), CF.formatted(70000));
        assertEquals(1, run("check-config", bad.toString()));
        assertTrue(out.toString().contains(":7: weight"), out.toString());
        assertEquals(1, run("apply-config", bad.toString(), "--base", ConfigFile.sha256(CF.formatted(1))));
        assertTrue(err.toString().contains(":7: weight"), err.toString());
        assertEquals(CF.formatted(1), Files.readString(dir.resolve("lvs.cf")));
        assertEquals(List.of(), calls);
        assertEquals(2, run("apply-config", bad.toString()), "--base is required");
        assertEquals(2, run("check-config", dir.resolve("missing.cf").toString()));
        assertTrue(err.toString().contains("cannot read " + dir.resolve("missing.cf")), err.toString());
    }

    @Test
    void missingSocketIsExplained() {
        int rc = Jlvsctl.run(new PrintWriter(out), new PrintWriter(err), "-s", dir.resolve("none.sock").toString(), "status");
        assertEquals(1, rc);
        assertTrue(err.toString().startsWith("jlvsctl: no control socket at " + dir.resolve("none.sock")), err.toString());
    }

    @Test
    void badArgumentsExitTwoWithoutCalling() {
        assertEquals(2, run("weight", "web", "rs1", "-1"));
        assertEquals(2, run("weight", "web", "rs1", "65536"));
        assertEquals(2, run("weight", "web", "rs1", "many"));
        assertEquals(2, run("drain", "web"));
        assertEquals(2, run("flush"));
        assertTrue(calls.isEmpty());
    }
}
