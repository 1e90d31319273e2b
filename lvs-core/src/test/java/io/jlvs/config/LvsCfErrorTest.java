package io.jlvs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of mistake is reported with file, line and key, and all of them at once. */
class LvsCfErrorTest {

    static List<String> errors(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> LvsCf.parse("lvs.cf", text));
        return e.errors().stream().map(Diagnostic::toString).toList();
    }

    static List<String> warnings(String text) throws ConfigException {
        return LvsCf.parse("lvs.cf", text).warnings().stream().map(Diagnostic::toString).toList();
    }

    static String virtual(String body) {
        return "virtual web {\n     address = 10.0.0.1\n     port = 80\n" + body + "}\n";
    }

    @Test
    void aBadValueNamesFileLineAndKey() {
        assertEquals(List.of("lvs.cf:6: weight: must be 0..65535, got -1"), errors(virtual("""
                     server a {
                         address = 10.0.1.1
                         weight = -1
                     }
                """)));
    }

    @Test
    void allErrorsAreCollectedInLineOrder() {
        assertEquals(List.of(
                "lvs.cf:1: network: must be nat, direct or tunnel, got 'bridge'",
                "lvs.cf:2: heartbeat_port: must be 1..65535, got 70000",
                "lvs.cf:4: address: '10.0.0.300' is not an IPv4 address (octet 300)",
                "lvs.cf:6: protocol: must be tcp or udp (or sctp), got 'icmp'",
                "lvs.cf:7: scheduler: scheduler name 'round robin' must be 1..15 characters of a-z, 0-9 and _",
                "lvs.cf:9: active: must be 0 or 1, got 'maybe'"),
                errors("""
                        network = bridge
                        heartbeat_port = 70000
                        virtual web {
                             address = 10.0.0.300
                             port = 80
                             protocol = icmp
                             scheduler = Round Robin
                             server a {
                                 active = maybe
                                 address = 10.0.1.1
                             }
                        }
                        """));
    }

    @Test
    void requiredKeys() {
        assertEquals(List.of("lvs.cf:1: address: is required (virtual web has a port but no address)"),
                errors("virtual web {\n port = 80\n}\n"));
        assertEquals(List.of("lvs.cf:1: port: is required unless fwmark is set (virtual web)"),
                errors("virtual web {\n address = 10.0.0.1\n}\n"));
        assertEquals(List.of("lvs.cf:4: address: is required (server a)"),
                errors(virtual("     server a {\n weight = 1\n }\n")));
    }

    @Test
    void syntaxErrors() {
        assertEquals(List.of("lvs.cf:1: port: is required unless fwmark is set (virtual web)",
                        "lvs.cf:2: expected 'key = value', 'virtual NAME {', 'server NAME {' or '}', got 'port 80'"),
                errors("virtual web {\nport 80\naddress = 10.0.0.1\n}\n"));
        assertEquals(List.of("lvs.cf:1: virtual: block 'web' is not closed with '}' before the end of the file"),
                errors("virtual web {\naddress = 10.0.0.1\nport = 80\n"));
        assertEquals(List.of("lvs.cf:1: '}' without an open block"), errors("}\n"));
        assertEquals(List.of("lvs.cf:1: send: the quoted value has no closing '\"'"), errors("send = \"abc\n"));
        assertEquals(List.of("lvs.cf:1: server: a server block must be inside a virtual block"),
                errors("server a {\naddress = 10.0.0.1\n}\n"));
    }

    @Test
    void duplicates() {
        assertEquals(List.of("lvs.cf:5: virtual: name 'web' is used twice (first on line 1)"),
                errors(virtual("") + virtual("").replace("10.0.0.1", "10.0.0.2")));
        assertEquals(List.of("lvs.cf:7: server: name 'a' is used twice in virtual web (first on line 4)"), errors(virtual("""
                     server a {
                         address = 10.0.1.1
                     }
                     server a {
                         address = 10.0.1.2
                     }
                """)));
        assertEquals(List.of("lvs.cf:8: address: server b is the same real server (10.0.1.1:80) as server a (line 4)"),
                errors(virtual("""
                     server a {
                         address = 10.0.1.1
                     }
                     server b {
                         address = 10.0.1.1
                     }
                """)));
    }

    @Test
    void twoVirtualServersOnTheSameServiceConflict() {
        assertEquals(List.of("lvs.cf:6: address: virtual web2 is the same service (TCP 10.0.0.1:80) as virtual web (line 1)"),
                errors(virtual("") + virtual("").replace("web", "web2")));
    }

    @Test
    void aSharedFwmarkNeedsTheSameScheduling() throws Exception {
        String http = "virtual http {\n address = 10.0.0.1\n port = 80\n fwmark = 100\n persistent = 300\n}\n";
        String https = "virtual https {\n address = 10.0.0.1\n port = 443\n fwmark = 100\n persistent = 300\n}\n";
        assertEquals(List.of(), warnings(http + https), "Piranha's one persistent service over two ports");
        assertEquals(List.of("lvs.cf:10: fwmark: fwmark 100 is shared with virtual http (line 1), so scheduler, "
                        + "scheduler_flags, one_packet, persistent, pmask, forward and the tunnel keys must be the same in both"),
                errors(http + https.replace("persistent = 300", "persistent = 60")));
        assertEquals(List.of("lvs.cf:10: fwmark: fwmark 100 is shared with virtual http (line 1), so scheduler, "
                        + "scheduler_flags, one_packet, persistent, pmask, forward and the tunnel keys must be the same in both"),
                errors(http + https.replace("persistent = 300", "persistent = 300\n one_packet = 1")),
                "one_packet differs");
    }

    @Test
    void natNeedsANatRouter() {
        assertEquals(List.of("lvs.cf:1: nat_router: is required for NAT (virtual web uses network = nat)"),
                errors("network = nat\n" + virtual("")));
        assertEquals(List.of("lvs.cf:4: nat_router: is required for NAT (virtual web uses network = nat)"),
                errors(virtual("     forward = nat\n")));
    }

    @Test
    void globalConsistency() {
        assertEquals(List.of("lvs.cf:1: backup: is required when backup_active = 1"), errors("backup_active = 1\n"));
        assertEquals(List.of("lvs.cf:2: deadtime: must be longer than keepalive (6 <= 6)"),
                errors("keepalive = 6\ndeadtime = 6\n"));
        assertEquals(List.of("lvs.cf:1: service: only 'lvs' is supported (Piranha's 'fos' failover services are not), got 'fos'"),
                errors("service = fos\n"));
    }

    @Test
    void netmasksAndFamilies() {
        assertEquals(List.of("lvs.cf:4: pmask: '255.0.255.0' is not a netmask (ones must be contiguous)"),
                errors(virtual("     pmask = 255.0.255.0\n")));
        assertEquals(List.of("lvs.cf:4: vip_nmask: prefix length 64 is too long for an IPv4 address (at most 32)"),
                errors(virtual("     vip_nmask = 64\n")));
        assertEquals(List.of("lvs.cf:5: address: server a is IPv6 but virtual web is IPv4; mixing families needs "
                        + "forward = tunnel"),
                errors(virtual("     server a {\n address = 2001:db8::1\n }\n")));
    }

    @Test
    void aMisspeltKnownKeyIsAnErrorAndAnUnknownKeyAWarning() throws Exception {
        assertEquals(List.of("lvs.cf:6: wieght: unknown key in a server block; did you mean 'weight'?"),
                errors(virtual("     server a {\n         address = 10.0.1.1\n         wieght = 5\n     }\n")));
        assertEquals(List.of("lvs.cf:1: warning: color: unknown key in a global section; ignored",
                        "lvs.cf:2: warning: rsh_command: is a Piranha key jLVS does not use; ignored"),
                warnings("color = blue\nrsh_command = ssh\n"));
    }

    @Test
    void warnings() throws Exception {
        assertEquals(List.of("lvs.cf:2: warning: serial_no: set again (first on line 1); this value wins"),
                warnings("serial_no = 1\nserial_no = 2\n"));
        assertEquals(List.of("lvs.cf:4: warning: pmask: has no effect without persistent",
                        "lvs.cf:5: warning: load_monitor: jLVS does not change weights by load; 'uptime' is ignored"),
                warnings(virtual("     pmask = 255.255.255.0\n     load_monitor = uptime\n")));
    }

    @Test
    void aFailoverBlockIsOneErrorSayingWhatToUseInstead() throws Exception {
        List<String> errors = errors("serial_no = 1\nfailover ftp {\n     active = 1\n     address = 10.0.0.21 eth0:2\n"
                + "     port = 21\n     send = \"\\n\"\n}\nfailover smtp\n{\n     port = 25\n}\n");
        assertEquals(List.of("lvs.cf:2: failover: " + io.jlvs.config.internal.LvsCfReader.FAILOVER_REFUSED,
                "lvs.cf:8: failover: " + io.jlvs.config.internal.LvsCfReader.FAILOVER_REFUSED), errors);
    }

    @Test
    void aCommandLineThatCannotBeSplitIsAnError() throws Exception {
        assertEquals(List.of("lvs.cf:1: active_cmd: unterminated \" at index 10"),
                errors("active_cmd = /bin/echo \"up\n"));
        assertEquals(List.of("lvs.cf:1: notify: must not be empty"), errors("notify = \"\"\n"));
        assertEquals(List.of("lvs.cf:1: track_script_fall: must be 1..100, got 0"), errors("track_script_fall = 0\n"));
    }

    @Test
    void keysThatWouldDoNothingSaySoAtLoad() throws Exception {
        String single = " has no effect without a backup director (primary, backup and heartbeat = 1): a single"
                + " director keeps its addresses whatever it reports";
        assertEquals(List.of("lvs.cf:2: warning: monitor_links:" + single),
                warnings("serial_no = 1\nmonitor_links = 1\n"));
        assertEquals(List.of("lvs.cf:1: warning: track_script:" + single),
                warnings("track_script = /bin/true\nprimary = 10.0.0.1\n"));
        String pair = "primary = 10.0.0.1\nbackup = 10.0.0.2\nheartbeat_insecure = 1\n";
        assertEquals(List.of(), warnings(pair + "monitor_links = 1\ntrack_script = /bin/true\n"));
        assertEquals(List.of(), warnings("monitor_links = 0\n"));
        assertEquals(List.of("lvs.cf:4: warning: track_script_fall: has no effect without track_script"),
                warnings(pair + "track_script_fall = 3\n"));
        assertEquals(List.of("lvs.cf:1: warning: syncdaemon: no sync daemon runs: it needs an interface, and neither"
                + " syncd_iface nor nat_router's device names one"), warnings("syncdaemon = 1\n"));
        assertEquals(List.of(), warnings("syncdaemon = 1\nsyncd_iface = eth1\n"));
        assertEquals(List.of(), warnings("syncdaemon = 1\nnat_router = 10.11.12.10 eth1:1\n"));
    }

    @Test
    void subSecondTimesAreAcceptedAndBadTimesNamed() throws ConfigException {
        assertEquals(java.time.Duration.ofMillis(500),
                LvsCf.parse("lvs.cf", "keepalive = 0.5\ndeadtime = 2\n").configuration().cluster().keepalive());
        assertEquals(java.time.Duration.ofMillis(1500),
                LvsCf.parse("lvs.cf", "keepalive = 1\ndeadtime = 1.5s\n").configuration().cluster().deadtime());
        assertEquals(List.of("lvs.cf:1: keepalive: must be a time in seconds like 6 or 0.5 (or with ms, s, m, h), got '-1'"),
                errors("keepalive = -1\n"));
        assertEquals(List.of("lvs.cf:1: keepalive: must be 100ms..3600, got '0'"), errors("keepalive = 0\n"));
        assertEquals(List.of("lvs.cf:1: deadtime: must be 100ms..3600, got '0.0001'"), errors("deadtime = 0.0001\n"));
        assertEquals(List.of("lvs.cf:2: deadtime: must be a time in seconds like 6 or 0.5 (or with ms, s, m, h), got '1.x'"),
                errors("keepalive = 0.5\ndeadtime = 1.x\n"));
    }

    @Test
    void schedulingOptionsTheKernelWouldRefuseOrIgnoreAreErrors() {
        assertEquals(List.of(
                "lvs.cf:4: scheduler_flags: scheduler flag sh-port needs scheduler sh, not wlc",
                "lvs.cf:5: one_packet: one-packet scheduling is only for UDP (or firewall-mark) services; this one is tcp",
                "lvs.cf:6: tunnel_type: gue needs tunnel_port (the real servers' GUE receive port)",
                "lvs.cf:10: l_threshold: 20 is above u_threshold 10 (the kernel refuses that; without u_threshold there "
                        + "is no l_threshold)"),
                errors(virtual("""
                             scheduler_flags = sh-port
                             one_packet = 1
                             tunnel_type = gue
                             server a {
                                 address = 10.0.1.1
                                 u_threshold = 10
                                 l_threshold = 20
                             }
                        """)));
        assertEquals(List.of("lvs.cf:6: tunnel_checksum: gre tunnel does not take flag REMCSUM (remote checksum is GUE only)"),
                errors("network = tunnel\n" + virtual("     tunnel_type = gre\n     tunnel_checksum = remcsum\n")));
        assertEquals(List.of("lvs.cf:4: tunnel_port: needs tunnel_type (gue or gre)"),
                errors(virtual("     tunnel_port = 6080\n")));
    }

    @Test
    void tunnelKeysOnAServiceThatDoesNotTunnelAreErrorsNotSilence() {
        assertEquals(List.of("lvs.cf:4: tunnel_type: has no effect: virtual web forwards by direct, not tunnel (set "
                        + "forward = tunnel or network = tunnel)"),
                errors(virtual("     tunnel_type = gre\n")));
    }

    @Test
    void aPortNameIsLookedUpForTheBlocksProtocolAndAnUnknownOneIsAnError() throws Exception {
        Configuration c = LvsCf.parse("lvs.cf", """
                virtual web {
                     address = 10.0.0.1
                     port = https
                     server a {
                          address = 10.0.1.1
                          port = http
                     }
                }
                """).configuration();
        assertEquals(443, c.virtualServers().get(0).port());
        assertEquals(80, c.virtualServers().get(0).realServers().get(0).port());
        assertEquals(List.of("lvs.cf:3: port: 'htps' is not a port number, nor a tcp service in /etc/services"),
                errors("virtual web {\n     address = 10.0.0.1\n     port = htps\n}\n"));
    }
}
