package io.jlvs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.jlvs.health.HttpCheck;
import io.jlvs.health.ProgramCheck;
import io.jlvs.health.SendExpectCheck;
import io.jlvs.health.TcpConnectCheck;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** lvs.cf check keys through the health-check factory, and their errors at load time. */
class LvsCfChecksTest {
    static VirtualServerConfig virtual(String body) throws ConfigException {
        return LvsCf.parse("lvs.cf", LvsCfErrorTest.virtual(body)).configuration().virtualServers().get(0);
    }

    static Map<String, String> settings(VirtualServerConfig v) {
        return LvsCfChecks.settings(v).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue()[1]));
    }

    @Test
    void piranhaSendExpectIsATcpCheck() throws Exception {
        VirtualServerConfig v = virtual("send = \"GET / HTTP/1.0\\r\\n\\r\\n\"\nexpect = \"HTTP\"\n");
        assertEquals(Map.of("type", "tcp", "send", "GET / HTTP/1.0\\r\\n\\r\\n", "expect", "HTTP", "timeout", "6"),
                settings(v));
        assertInstanceOf(SendExpectCheck.class, LvsCfChecks.check(v));
    }

    @Test
    void noKeysIsATcpConnectAndUdpServicesGetUdp() throws Exception {
        assertInstanceOf(TcpConnectCheck.class, LvsCfChecks.check(virtual("")));
        VirtualServerConfig udp = virtual("protocol = udp\nsend = \"x\"\n");
        assertEquals("udp", settings(udp).get("type"));
    }

    @Test
    void sendProgramIsAProgramCheck() throws Exception {
        VirtualServerConfig v = virtual("send_program = \"/usr/bin/check --host %h\"\nexpect = \"OK\"\n");
        assertEquals(Map.of("type", "program", "program", "/usr/bin/check --host %h", "expect", "OK", "timeout", "6"),
                settings(v));
        assertInstanceOf(ProgramCheck.class, LvsCfChecks.check(v));
    }

    @Test
    void checkKeysLoseTheirPrefixAndPolicyKeysStayOut() throws Exception {
        VirtualServerConfig v = virtual("check_type = http\ncheck_path = /health\ncheck_status = 200,302\n"
                + "check_port = 8080\ncheck_interval = 2\n");
        assertEquals(Map.of("type", "http", "path", "/health", "status", "200,302", "timeout", "6"), settings(v));
        assertInstanceOf(HttpCheck.class, LvsCfChecks.check(v));
    }

    @Test
    void badCheckKeysAreConfigurationErrorsWithLineAndKey() {
        assertEquals(List.of("lvs.cf:4: check_type: "), prefix(LvsCfErrorTest.errors(
                LvsCfErrorTest.virtual("check_type = gopher\n"))));
        assertEquals(List.of("lvs.cf:5: expect: "), prefix(LvsCfErrorTest.errors(
                LvsCfErrorTest.virtual("send = \"x\"\nexpect = \"(\"\nuse_regex = 1\n"))));
        assertEquals(List.of("lvs.cf:5: check_status: "), prefix(LvsCfErrorTest.errors(
                LvsCfErrorTest.virtual("check_type = http\ncheck_status = 999-1\n"))));
        assertEquals(List.of("lvs.cf:4: check_timeout: "), prefix(LvsCfErrorTest.errors(
                LvsCfErrorTest.virtual("check_timeout = -1\n"))));
        assertEquals(List.of("lvs.cf:4: check_port: "), prefix(LvsCfErrorTest.errors(
                LvsCfErrorTest.virtual("check_port = 70000\n"))));
        assertEquals(List.of("lvs.cf:4: check_address: "), prefix(LvsCfErrorTest.errors(
                LvsCfErrorTest.virtual("check_address = web1.example\n"))));
        assertEquals(List.of("lvs.cf:4: check_interval: "), prefix(LvsCfErrorTest.errors(
                LvsCfErrorTest.virtual("check_interval = soon\n"))));
    }

    @Test
    void probingKeysAreReadApartFromTheCheck() throws Exception {
        VirtualServerConfig v = virtual("check_port = 8080\ncheck_address = 10.0.0.9\ncheck_interval = 2\n");
        LvsCfChecks.Probing p = LvsCfChecks.probing(v);
        assertEquals(java.util.OptionalInt.of(8080), p.port());
        assertEquals(java.util.Optional.of(java.net.InetAddress.getByName("10.0.0.9")), p.address());
        assertEquals(java.util.Optional.of(java.time.Duration.ofSeconds(2)), p.interval());
        LvsCfChecks.Probing none = LvsCfChecks.probing(virtual(""));
        assertEquals(new LvsCfChecks.Probing(java.util.OptionalInt.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), false, java.util.Optional.empty()), none);
    }

    private static List<String> prefix(List<String> errors) {
        return errors.stream().map(e -> e.substring(0, e.indexOf(": ", e.indexOf(": ", 7) + 2) + 2)).toList();
    }

    @Test
    void aFileCheckFromLvsCf() throws Exception {
        VirtualServerConfig v = virtual("check_type = file\ncheck_file = /run/jlvs/%h.weight\ncheck_file_weight = 10\n");
        assertEquals(new io.jlvs.health.FileCheck("/run/jlvs/%h.weight", 10, false), LvsCfChecks.check(v));
        assertEquals(List.of("lvs.cf:5: check_file: health check setting file = 'weights': must be an absolute path, got 'weights'"),
                LvsCfErrorTest.errors(LvsCfErrorTest.virtual("check_type = file\ncheck_file = weights\n")));
    }

    @Test
    void aPingCheckFromLvsCf() throws Exception {
        assertEquals(io.jlvs.health.PingCheck.withTimeout(java.time.Duration.ofSeconds(6)),
                LvsCfChecks.check(virtual("check_type = ping\n")));
        assertEquals(new io.jlvs.health.PingCheck(java.time.Duration.ofMillis(500),
                        java.util.Optional.of(java.net.InetAddress.getByName("10.0.0.250"))),
                LvsCfChecks.check(virtual("check_type = ping\ncheck_timeout = 500ms\ncheck_source = 10.0.0.250\n")));
        assertEquals(List.of("lvs.cf:5: check_path: "), prefix(LvsCfErrorTest.errors(
                LvsCfErrorTest.virtual("check_type = ping\ncheck_path = /\n"))));
    }

    @Test
    void alphaAndTheQuorumAreServicePolicyFromLvsCf() throws Exception {
        LvsCfChecks.Probing p = LvsCfChecks.probing(virtual("check_alpha = 1\ncheck_quorum = 3\ncheck_hysteresis = 1\n"
                + "check_quorum_down = \"/usr/local/bin/page 'quorum lost'\"\n"));
        assertEquals(true, p.alpha());
        assertEquals(java.util.Optional.of(new io.jlvs.health.Quorum(3, 1, new io.jlvs.health.QuorumAction.RunCommand(
                List.of("/usr/local/bin/page", "quorum lost"), List.of()))), p.quorum());
        assertEquals(java.util.Optional.of(new io.jlvs.health.Quorum(2, 0, new io.jlvs.health.QuorumAction.Notify())),
                LvsCfChecks.probing(virtual("check_quorum = 2\n")).quorum());
        assertEquals(List.of("lvs.cf:4: check_hysteresis: needs check_quorum"),
                prefix(LvsCfErrorTest.errors(LvsCfErrorTest.virtual("check_hysteresis = 1\n"))).stream()
                        .map(e -> e + "needs check_quorum").toList());
        assertEquals(1, LvsCfErrorTest.errors(LvsCfErrorTest.virtual("check_quorum = 2\ncheck_hysteresis = 2\n")).size(),
                "a hysteresis as large as the quorum could never lose it");
    }

    @Test
    void omegaRunsTheQuorumDownProgramAtStopAndNeedsOne() throws Exception {
        LvsCfChecks.Probing p = LvsCfChecks.probing(virtual("check_quorum = 3\ncheck_omega = 1\n"
                + "check_quorum_down = \"/usr/local/bin/page down\"\n"));
        assertEquals(java.util.Optional.of(new io.jlvs.health.Quorum(3, 0, new io.jlvs.health.QuorumAction.RunCommand(
                List.of("/usr/local/bin/page", "down"), List.of(), true))), p.quorum());
        assertEquals(List.of("lvs.cf:5: check_omega: health check setting check_omega = '1': needs check_quorum_down,"
                        + " the program it runs when jlvsd stops"),
                LvsCfErrorTest.errors(LvsCfErrorTest.virtual("check_quorum = 3\ncheck_omega = 1\n")));
        assertEquals(List.of("lvs.cf:4: check_omega: "),
                prefix(LvsCfErrorTest.errors(LvsCfErrorTest.virtual("check_omega = 1\n"))));
    }

    private static final String TWO_CHECKS = """
            check_type = http
            check_path = /health
            check2_type = tcp
                 server a {
                     address = 10.0.1.1
                     check_path = /alt
                 }
                 server b {
                     address = 10.0.1.2
                     check_type = tcp
                     check_port = 8443
                 }
                 server c {
                     address = 10.0.1.3
                 }
            """;

    @Test
    void furtherChecksMustAllPassAndAServerAdjustsOrReplacesTheVirtualsCheck() throws Exception {
        VirtualServerConfig v = virtual(TWO_CHECKS);
        io.jlvs.health.AllChecks shared = assertInstanceOf(io.jlvs.health.AllChecks.class, LvsCfChecks.check(v));
        assertEquals(List.of("http", "tcp"), shared.checks().stream().map(io.jlvs.health.HealthCheck::type).toList());
        assertEquals(shared, LvsCfChecks.check(v, v.realServers().get(2)), "c has no keys of its own");

        io.jlvs.health.AllChecks a = assertInstanceOf(io.jlvs.health.AllChecks.class, LvsCfChecks.check(v, v.realServers().get(0)));
        assertEquals("/alt", assertInstanceOf(HttpCheck.class, a.checks().get(0)).path(), "adjusted key by key");
        io.jlvs.health.AllChecks b = assertInstanceOf(io.jlvs.health.AllChecks.class, LvsCfChecks.check(v, v.realServers().get(1)));
        assertInstanceOf(TcpConnectCheck.class, b.checks().get(0), "check_type replaces the first check: no path left over");
        assertEquals(java.util.OptionalInt.of(8443), LvsCfChecks.probing(v, v.realServers().get(1)).port());
        assertEquals(java.util.OptionalInt.empty(), LvsCfChecks.probing(v, v.realServers().get(0)).port());
        // the file says all of it again when written
        VirtualServerConfig again = LvsCf.parse("lvs.cf", LvsCf.write(LvsCf.parse("lvs.cf", LvsCfErrorTest.virtual(TWO_CHECKS))
                .configuration())).configuration().virtualServers().get(0);
        assertEquals(v.realServers().get(1).checkSettings(), again.realServers().get(1).checkSettings());
    }

    @Test
    void checkSetsAndServerCheckKeysAreRefusedByLineWhenWrong() {
        assertEquals(List.of("lvs.cf:4: check2_type: health check setting check2_type: is required for check 2"),
                LvsCfErrorTest.errors(LvsCfErrorTest.virtual("check2_path = /x\n")));
        assertEquals(List.of("lvs.cf:5: check2_interval: health check setting check2_interval = '5': a further check takes "
                        + "what a probe is (type, path, ...); where and how often to probe is check_interval"),
                LvsCfErrorTest.errors(LvsCfErrorTest.virtual("check2_type = tcp\ncheck2_interval = 5\n")));
        assertEquals(List.of("lvs.cf:6: check_interval: server a: health check setting check_interval = '5': belongs in "
                        + "the virtual block: it applies to the whole service"),
                LvsCfErrorTest.errors(LvsCfErrorTest.virtual("     server a {\n         address = 10.0.1.1\n"
                        + "         check_interval = 5\n     }\n")));
        assertEquals(List.of("lvs.cf:6: check_type: server a: health check setting type = 'gopher': unknown check type "
                        + "(known: tcp, udp, http, https, smtp, ftp, pop3, imap, nntp, dns, program, file, ping)"),
                LvsCfErrorTest.errors(LvsCfErrorTest.virtual("     server a {\n         address = 10.0.1.1\n"
                        + "         check_type = gopher\n     }\n")));
    }
}
