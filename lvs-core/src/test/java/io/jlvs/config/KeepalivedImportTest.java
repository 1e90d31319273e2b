package io.jlvs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** keepalived.conf virtual_server sections into the lvs.cf model; unsupported keys reported by name and line. */
class KeepalivedImportTest {

    static final String CONF = """
            ! Configuration File for keepalived
            global_defs {
               router_id LVS_DEVEL
            }
            vrrp_instance VI_1 {
                state MASTER
                virtual_ipaddress {
                    10.0.0.1
                }
            }
            virtual_server 10.0.0.1 80 {
                delay_loop 6
                lb_algo wrr
                lb_kind NAT
                persistence_timeout 50
                persistence_granularity 255.255.255.0
                protocol TCP
                sorry_server 10.0.9.9 8080
                ha_suspend
                real_server 10.0.1.1 8080 {
                    weight 3
                    inhibit_on_failure
                    HTTP_GET {
                        url {
                            path /health
                            status_code 200
                            digest 9b3a0c85a887a256d6939da88aabd8cd
                        }
                        connect_timeout 3
                        retry 3
                        delay_before_retry 2
                    }
                }
                real_server 10.0.1.2 8080 {
                    weight 1
                    uthreshold 100
                    TCP_CHECK {
                        connect_timeout 5
                    }
                }
            }
            virtual_server fwmark 5 {
                lb_algo sh
                lb_kind DR
                real_server 10.0.2.1 0 {
                    MISC_CHECK {
                        misc_path "/usr/local/bin/check 10.0.2.1"   # a program
                        misc_timeout 10
                        misc_dynamic
                    }
                }
            }
            """;

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void virtualServersAreImportedAndTheRestReported() throws Exception {
        ParsedConfiguration parsed = Importers.keepalived("keepalived.conf", CONF);
        Configuration c = parsed.configuration();
        assertEquals(2, c.virtualServers().size());
        VirtualServerConfig web = c.virtualServers().get(0);
        assertEquals(ServiceKey.tcp(ip("10.0.0.1"), 80), web.serviceKey());
        assertEquals(Scheduler.WRR, web.scheduler());
        assertEquals(Optional.of(Duration.ofSeconds(50)), web.persistent());
        assertEquals(24, web.persistenceNetmaskPrefix());
        // keepalived removes a failed server unless that server has inhibit_on_failure
        assertFalse(web.quiesceServer(), "keepalived's default: remove");
        assertEquals(Optional.of(true), web.realServers().get(0).quiesceServer(), "inhibit_on_failure");
        assertEquals(Optional.empty(), web.realServers().get(1).quiesceServer());
        assertTrue(web.realServers().get(0).quiescesIn(web));
        assertFalse(web.realServers().get(1).quiescesIn(web));
        assertEquals(ip("10.0.9.9"), web.sorryServer().orElseThrow().address());
        assertEquals(8080, web.sorryServer().orElseThrow().port());
        assertEquals(List.of(3, 1), web.realServers().stream().map(RealServerConfig::weight).toList());
        assertEquals(8080, web.realServers().get(0).port());
        assertEquals(100, web.realServers().get(1).upperThreshold(), "uthreshold");
        // its TCP_CHECK differs from the first server's HTTP_GET: it keeps it, as a check of its own
        assertEquals(Map.of("check_type", "tcp", "check_timeout", "5"), web.realServers().get(1).checkSettings());
        assertEquals("tcp", LvsCfChecks.check(web, web.realServers().get(1)).type());
        assertEquals(Duration.ofSeconds(3), web.health().timeout());
        assertEquals(3, web.health().fall());
        assertEquals(Map.of("check_interval", "6", "check_type", "http", "check_path", "/health", "check_status", "200",
                "check_retry_delay", "2"), web.health().settings());
        // delay_before_retry takes effect (it used to be written, then refused at load)
        assertEquals(Optional.of(Duration.ofSeconds(2)), LvsCfChecks.probing(web).retryDelay());
        assertEquals("http", LvsCfChecks.check(web).type());
        // and the import written as lvs.cf loads, once the operator adds the nat_router keepalived has no word for
        Configuration again = LvsCf.parse("lvs.cf", "nat_router = 10.0.0.254 eth1:1\n" + LvsCf.write(c)).configuration();
        assertEquals(Optional.of("/usr/local/bin/check 10.0.2.1"), again.virtualServers().get(1).health().sendProgram());

        VirtualServerConfig mark = c.virtualServers().get(1);
        assertEquals(ServiceKey.fwmark(5, AddressFamily.INET), mark.serviceKey());
        assertEquals(Map.of("check_type", "program", "send_program", "/usr/local/bin/check 10.0.2.1"),
                mark.health().settings());
        assertEquals(Duration.ofSeconds(10), mark.health().timeout());
        assertEquals(NetworkMode.NAT, web.networkMode(c.cluster()));
        assertEquals(NetworkMode.DIRECT, mark.networkMode(c.cluster()));

        assertEquals(List.of(
                "keepalived.conf:3: warning: router_id: lvs.cf has no equivalent; not imported",
                "keepalived.conf:5: warning: vrrp_instance: only virtual_server sections are imported; skipped",
                "keepalived.conf:19: warning: ha_suspend: lvs.cf has no equivalent; not imported",
                "keepalived.conf:27: warning: digest: lvs.cf has no equivalent; not imported",
                "keepalived.conf:42: warning: address: firewall-mark service 5 names no VIP; set 'address' in virtual "
                        + "fwm_5 before use",
                "keepalived.conf:49: warning: misc_dynamic: lvs.cf has no equivalent; not imported",
                "keepalived.conf: warning: nat_router: NAT services were imported; add nat_router (the real servers' "
                        + "gateway address and device) before use"),
                parsed.warnings().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void errorsNameKeyAndLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> Importers.keepalived("k.conf", """
                virtual_server 10.0.0.1 80 {
                    lb_kind BRIDGE
                    real_server 10.0.1.1 80 {
                        weight -1
                    }
                }
                virtual_server group G {
                }
                virtual_server 10.0.0.2 {
                """));
        assertEquals(List.of(
                "k.conf:2: lb_kind: must be NAT, DR or TUN, got 'BRIDGE'",
                "k.conf:4: weight: must be 0..65535, got -1",
                "k.conf:7: virtual_server: names virtual_server_group G, which is not defined",
                "k.conf:9: virtual_server: block is not closed with '}' before the end of the file",
                "k.conf:9: virtual server tcp_10_0_0_2_0 needs a port or a fwmark"),
                e.errors().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void bracesNestedBeyondTheBoundAreAnErrorWithTheLineNotAStackOverflow() {
        // 100,000 levels: the recursive parser ran out of stack long before the end.
        String deep = "virtual_server 10.0.0.1 80 {\n" + "x {\n".repeat(100_000) + "}\n".repeat(100_001);
        ConfigException e = assertThrows(ConfigException.class, () -> Importers.keepalived("k.conf", deep));
        List<String> errors = e.errors().stream().map(Diagnostic::toString).toList();
        assertTrue(errors.contains("k.conf:33: x: blocks nested more than 32 deep; skipped"), errors.toString());
    }

    @Test
    void anUnclosedInnerBlockIsReportedOnceForEachBlockLeftOpen() {
        ConfigException e = assertThrows(ConfigException.class, () -> Importers.keepalived("k.conf", """
                virtual_server 10.0.0.1 80 {
                    real_server 10.0.1.1 80 {
                        weight 1
                    }
                    real_server 10.0.1.2 80 {
                        weight 1
                """));
        assertEquals(List.of("k.conf:1: virtual_server: block is not closed with '}' before the end of the file",
                "k.conf:5: real_server: block is not closed with '}' before the end of the file"),
                e.errors().stream().map(Diagnostic::toString).sorted().toList());
    }

    @Test
    void scriptUserOfGlobalDefsBecomesCheckScriptUser() throws Exception {
        ParsedConfiguration p = Importers.keepalived("keepalived.conf", """
                global_defs {
                   script_user nobody nogroup
                   enable_script_security
                   notification_email { root }
                }
                virtual_server 10.0.0.1 80 {
                    real_server 10.0.1.1 80 {
                        MISC_CHECK {
                            misc_path "/usr/local/bin/check"
                        }
                    }
                }
                """);
        assertEquals(java.util.Optional.of("nobody nogroup"), p.configuration().cluster().checkScriptUser());
        assertEquals(List.of("keepalived.conf:4: warning: notification_email: lvs.cf has no equivalent; not imported"),
                p.warnings().stream().map(Diagnostic::toString).toList());
        assertTrue(LvsCf.write(p.configuration()).contains("check_script_user = \"nobody nogroup\""));
    }

    @Test
    void aVirtualServerGroupBecomesOneBlockPerMemberWithTheGroupsServersAndCheck() throws Exception {
        ParsedConfiguration parsed = Importers.keepalived("k.conf", """
                virtual_server_group WEB {
                    10.0.0.1 80
                    10.0.0.10-12 80
                    10.0.1.0/31 443
                    fwmark 9
                }
                virtual_server group WEB {
                    lvs_sched mh
                    mh-port
                    lvs_method TUN type gue port 6080 csum
                    real_server 10.0.2.1 8080 {
                        weight 2
                        uthreshold 50
                        lthreshold 20
                        TCP_CHECK {
                            connect_timeout 2
                        }
                    }
                }
                virtual_server 10.0.0.53 53 {
                    protocol UDP
                    ops
                    alpha
                    quorum 2
                    hysteresis 1
                    omega
                    quorum_down "/usr/local/bin/page down"
                    real_server 10.0.2.2 53 {
                    }
                }
                """);
        Configuration c = parsed.configuration();
        assertEquals(List.of(ServiceKey.tcp(ip("10.0.0.1"), 80), ServiceKey.tcp(ip("10.0.0.10"), 80),
                ServiceKey.tcp(ip("10.0.0.11"), 80), ServiceKey.tcp(ip("10.0.0.12"), 80),
                ServiceKey.tcp(ip("10.0.1.0"), 443), ServiceKey.tcp(ip("10.0.1.1"), 443),
                ServiceKey.fwmark(9, AddressFamily.INET), ServiceKey.udp(ip("10.0.0.53"), 53)),
                c.virtualServers().stream().map(VirtualServerConfig::serviceKey).toList());
        for (VirtualServerConfig v : c.virtualServers().subList(0, 7)) {
            assertEquals(Scheduler.MH, v.scheduler(), v.name());
            assertEquals(java.util.Set.of(io.jlvs.ipvs.SchedulerFlag.MH_PORT), v.options().schedulerFlags(), v.name());
            assertEquals(Optional.of(io.jlvs.ipvs.TunnelOptions.gue(6080, io.jlvs.ipvs.TunnelFlag.CSUM)),
                    v.options().tunnel(), v.name());
            RealServerConfig rs = v.realServers().get(0);
            assertEquals(List.of(2, 50, 20, 8080), List.of(rs.weight(), rs.upperThreshold(), rs.lowerThreshold(),
                    rs.port()), v.name());
            assertEquals(Duration.ofSeconds(2), v.health().timeout(), v.name());
        }
        assertTrue(c.virtualServers().get(7).options().onePacket(), "ops");
        LvsCfChecks.Probing dns = LvsCfChecks.probing(c.virtualServers().get(7));
        assertTrue(dns.alpha(), "alpha");
        assertEquals(Optional.of(new io.jlvs.health.Quorum(2, 1, new io.jlvs.health.QuorumAction.RunCommand(
                List.of("/usr/local/bin/page", "down"), List.of(), true))), dns.quorum());
        // written as lvs.cf, it reads back the same
        Configuration again = LvsCf.parse("lvs.cf", LvsCf.write(c)).configuration();
        assertEquals(c.virtualServers().stream().map(VirtualServerConfig::options).toList(),
                again.virtualServers().stream().map(VirtualServerConfig::options).toList());
        assertEquals(c.virtualServers().get(0).realServers(), again.virtualServers().get(0).realServers().stream()
                .map(s -> new RealServerConfig(s.name(), c.virtualServers().get(0).realServers().get(0).line(),
                        s.address(), s.port(), s.active(), s.weight(), s.upperThreshold(), s.lowerThreshold()))
                .toList());
    }

    @Test
    void aGroupRangeTooLargeOrBackwardsIsRefusedByLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> Importers.keepalived("k.conf", """
                virtual_server_group G {
                    10.0.0.0/16 80
                    10.0.0.9-3 80
                }
                virtual_server group G {
                    real_server 10.0.2.1 80 {
                    }
                }
                """));
        assertEquals(List.of(
                "k.conf:1: virtual_server_group: group G has no members",
                "k.conf:2: 10.0.0.0/16: range 10.0.0.0/16 names 65536 addresses; jLVS imports at most 256 per line (one "
                        + "virtual block each)",
                "k.conf:3: 10.0.0.9-3: range 10.0.0.9-3 ends before it starts"),
                e.errors().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void severalCheckersOfOneRealServerAllCarryOver() throws Exception {
        ParsedConfiguration parsed = Importers.keepalived("k.conf", """
                virtual_server 10.0.0.1 80 {
                    real_server 10.0.1.1 80 {
                        HTTP_GET {
                            url {
                                path /health
                            }
                        }
                        MISC_CHECK {
                            misc_path "/usr/local/bin/deep-check %h"
                            connect_port 81
                        }
                    }
                    real_server 10.0.1.2 80 {
                        TCP_CHECK {
                        }
                    }
                }
                """);
        VirtualServerConfig v = parsed.configuration().virtualServers().get(0);
        assertEquals("http", v.health().settings().get("check_type"));
        assertEquals("program", v.health().settings().get("check2_type"));
        assertEquals("/usr/local/bin/deep-check %h", v.health().settings().get("check2_program"));
        assertEquals("http+program", LvsCfChecks.check(v).type());
        assertEquals("tcp+program", LvsCfChecks.check(v, v.realServers().get(1)).type());
        assertEquals(List.of(
                "k.conf:2: warning: connect_port: a further checker probes where the first does in lvs.cf; not imported",
                "k.conf:13: warning: real_server: has 1 checker(s) where the first server (line 2) has 2; lvs.cf also "
                        + "runs the virtual's further checks on it"),
                parsed.warnings().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void aPingCheckBecomesCheckTypePingWithItsTimeoutAndSource() throws Exception {
        ParsedConfiguration parsed = Importers.keepalived("k.conf", """
                virtual_server 10.0.0.1 80 {
                    real_server 10.0.1.1 80 {
                        PING_CHECK {
                            connect_timeout 2
                            bindto 10.0.0.250
                            retry 3
                        }
                    }
                }
                """);
        VirtualServerConfig v = parsed.configuration().virtualServers().get(0);
        assertEquals(List.of(), parsed.warnings());
        assertEquals(new io.jlvs.health.PingCheck(java.time.Duration.ofSeconds(2),
                java.util.Optional.of(java.net.InetAddress.getByName("10.0.0.250"))), LvsCfChecks.check(v));
        String written = LvsCf.write(parsed.configuration());
        assertTrue(written.contains("check_type = \"ping\""), written);
    }

    @Test
    void aFileCheckNamingNoTrackFileIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> Importers.keepalived("k.conf", """
                virtual_server 10.0.0.1 80 {
                    real_server 10.0.1.3 80 {
                        FILE_CHECK {
                            track_file NOSUCH
                        }
                    }
                }
                """));
        assertEquals(List.of("k.conf:3: FILE_CHECK: names track_file NOSUCH, which is not defined"),
                e.errors().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void aFileCheckWithWeightZeroIsTheSameAndAnotherWeightIsWarnedAbout() throws Exception {
        ParsedConfiguration parsed = Importers.keepalived("k.conf", """
                track_file DRAIN {
                    file "/run/drain/state"
                    weight 0
                    init_file 0
                }
                vrrp_track_file LOAD {
                    file /run/load
                }
                track_file UNUSED {
                    file /run/unused
                }
                virtual_server 10.0.0.1 80 {
                    real_server 10.0.1.1 80 {
                        FILE_CHECK {
                            track_file DRAIN
                        }
                    }
                    real_server 10.0.1.2 80 {
                        FILE_CHECK {
                            track_file LOAD
                            weight 5 reverse
                        }
                    }
                }
                """);
        VirtualServerConfig v = parsed.configuration().virtualServers().get(0);
        assertEquals(new io.jlvs.health.FileCheck("/run/drain/state", 0, false), LvsCfChecks.check(v));
        assertEquals(new io.jlvs.health.FileCheck("/run/load", 5, true), LvsCfChecks.check(v, v.realServers().get(1)));
        assertEquals(List.of(
                "k.conf:4: warning: init_file: jlvsd never writes the tracked file; a missing file is down. Not imported",
                "k.conf:9: warning: track_file: UNUSED is named by no FILE_CHECK; not imported",
                "k.conf:21: warning: weight: keepalived adds the file's value × 5 to the server's weight; lvs.cf's"
                        + " check_file_weight makes it the weight (0 or less: down)"),
                parsed.warnings().stream().map(Diagnostic::toString).toList());
    }
}
