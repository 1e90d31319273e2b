package io.jlvs.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jlvs.config.ConfigException;
import io.jlvs.config.Configuration;
import io.jlvs.config.Diagnostic;
import io.jlvs.config.LvsCf;
import io.jlvs.config.ParsedConfiguration;
import io.jlvs.config.RealServerConfig;
import io.jlvs.config.VirtualServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No silent keys: every key docs/lvs.cf.md lists is a key the parser reads and the other way round,
 * and each one, set in a file, either changes the configuration the director is built from, or is
 * refused, or draws a warning, as its row says. A new key without a row here (or a row without a key)
 * fails this test. Where the changed setting then acts (the kernel table, the failover node, a check)
 * is tested by the tests of that part; this table proves the key is not read and dropped.
 */
class DocumentedKeysTest {
    private static final Path DOC = Path.of("..", "docs", "lvs.cf.md");

    /** How a key shows it was read: a changed setting, a warning or a refusal containing {@code text}. */
    private record Sample(String line, String context, Function<Configuration, Object> setting, String warning, String error) {
        static Sample effect(String line, Function<Configuration, Object> setting) {
            return new Sample(line, "", setting, null, null);
        }

        static Sample effect(String line, String context, Function<Configuration, Object> setting) {
            return new Sample(line, context, setting, null, null);
        }

        static Sample warns(String line, String text) {
            return new Sample(line, "", null, text, null);
        }

        static Sample refused(String line, String text) {
            return new Sample(line, "", null, null, text);
        }
    }

    private static final String GLOBAL_BASE = "network = nat\nnat_router = 10.11.12.10 eth1:1\n";

    private static String file(String global, String virtual, String server) {
        return GLOBAL_BASE + global + "virtual web {\n     address = 10.23.8.80 eth0:1\n     port = 80\n" + virtual
                + "     server rs1 {\n         address = 10.11.12.11\n" + server + "     }\n}\n";
    }

    private static VirtualServerConfig web(Configuration c) {
        return c.virtualServers().get(0);
    }

    private static RealServerConfig rs1(Configuration c) {
        return web(c).realServers().get(0);
    }

    private static Map<String, Sample> global() {
        Map<String, Sample> m = new LinkedHashMap<>();
        m.put("serial_no", Sample.effect("serial_no = 7", c -> c.cluster().serialNo()));
        m.put("primary", Sample.effect("primary = 10.23.8.1", c -> c.cluster().primary()));
        m.put("primary_private", Sample.effect("primary_private = 10.11.12.1", c -> c.cluster().primaryPrivate()));
        m.put("backup", Sample.effect("backup = 10.23.8.2", c -> c.cluster().backup()));
        m.put("backup_private", Sample.effect("backup_private = 10.11.12.2", c -> c.cluster().backupPrivate()));
        m.put("backup_active", Sample.effect("backup_active = 1", "backup = 10.23.8.2\n", c -> c.cluster().backupActive()));
        m.put("service", Sample.refused("service = fos", "only 'lvs' is supported"));
        m.put("heartbeat", Sample.effect("heartbeat = 0", c -> c.cluster().heartbeat()));
        m.put("heartbeat_port", Sample.effect("heartbeat_port = 1539", c -> c.cluster().heartbeatPort()));
        m.put("keepalive", Sample.effect("keepalive = 2", c -> c.cluster().keepalive()));
        m.put("deadtime", Sample.effect("deadtime = 30", c -> c.cluster().deadtime()));
        m.put("network", Sample.effect("network = direct", c -> c.cluster().network()));
        m.put("nat_router", Sample.effect("nat_router = 10.11.12.9 eth1:2", c -> c.cluster().natRouter()));
        m.put("nat_nmask", Sample.effect("nat_nmask = 255.255.255.0", c -> c.cluster().natNetmaskPrefix()));
        m.put("debug_level", Sample.effect("debug_level = 3", c -> c.cluster().debugLevel()));
        m.put("syncdaemon", Sample.effect("syncdaemon = 1", c -> c.cluster().syncDaemon()));
        m.put("syncd_iface", Sample.effect("syncd_iface = eth2", c -> c.cluster().syncdInterface()));
        m.put("syncd_id", Sample.effect("syncd_id = 5", c -> c.cluster().syncdId()));
        m.put("monitor_links", Sample.effect("monitor_links = 1", c -> c.cluster().monitorLinks()));
        m.put("heartbeat_key_file", Sample.effect("heartbeat_key_file = /etc/jlvs/heartbeat.key",
                c -> c.cluster().heartbeatKeyFile()));
        m.put("heartbeat_insecure", Sample.effect("heartbeat_insecure = 1", c -> c.cluster().heartbeatInsecure()));
        m.put("priority", Sample.effect("priority = 200", c -> c.cluster().priority()));
        m.put("preempt", Sample.effect("preempt = 0", c -> c.cluster().preempt()));
        m.put("failback_delay", Sample.effect("failback_delay = 30", c -> c.cluster().failbackDelay()));
        m.put("check_script_user", Sample.effect("check_script_user = nobody", c -> c.cluster().checkScriptUser()));
        m.put("manage_whole_table", Sample.effect("manage_whole_table = 1", c -> c.cluster().manageWholeTable()));
        m.put("active_cmd", Sample.effect("active_cmd = /bin/true", c -> c.cluster().scripts().activeCmd()));
        m.put("inactive_cmd", Sample.effect("inactive_cmd = /bin/true", c -> c.cluster().scripts().inactiveCmd()));
        m.put("notify_master", Sample.effect("notify_master = /bin/true", c -> c.cluster().scripts().notifyMaster()));
        m.put("notify_backup", Sample.effect("notify_backup = /bin/true", c -> c.cluster().scripts().notifyBackup()));
        m.put("notify_fault", Sample.effect("notify_fault = /bin/true", c -> c.cluster().scripts().notifyFault()));
        m.put("notify_stop", Sample.effect("notify_stop = /bin/true", c -> c.cluster().scripts().notifyStop()));
        m.put("notify", Sample.effect("notify = /bin/true", c -> c.cluster().scripts().notifyAny()));
        m.put("notify_timeout", Sample.effect("notify_timeout = 5", c -> c.cluster().scripts().notifyTimeout()));
        m.put("track_script", Sample.effect("track_script = /bin/true", c -> c.cluster().scripts().trackScript()));
        String track = "track_script = /bin/true\n";
        m.put("track_script_interval", Sample.effect("track_script_interval = 5", track,
                c -> c.cluster().scripts().trackInterval()));
        m.put("track_script_timeout", Sample.effect("track_script_timeout = 1", track,
                c -> c.cluster().scripts().trackTimeout()));
        m.put("track_script_fall", Sample.effect("track_script_fall = 3", track, c -> c.cluster().scripts().trackFall()));
        m.put("track_script_rise", Sample.effect("track_script_rise = 3", track, c -> c.cluster().scripts().trackRise()));
        return m;
    }

    private static Map<String, Sample> virtual() {
        Map<String, Sample> m = new LinkedHashMap<>();
        m.put("active", Sample.effect("active = 0", c -> c.virtualServers().get(0).active()));
        m.put("address", Sample.effect("address = 10.23.8.81 eth0:2", c -> web(c).address()));
        m.put("vip_nmask", Sample.effect("vip_nmask = 255.255.255.0", c -> web(c).vipNetmaskPrefix()));
        m.put("port", Sample.effect("port = 8080", c -> web(c).port()));
        m.put("protocol", Sample.effect("protocol = udp", c -> web(c).protocol()));
        m.put("fwmark", Sample.effect("fwmark = 5", c -> web(c).fwmark()));
        m.put("persistent", Sample.effect("persistent = 300", c -> web(c).persistent()));
        m.put("pmask", Sample.effect("pmask = 255.255.255.0", "     persistent = 300\n", c -> web(c).persistenceNetmaskPrefix()));
        m.put("scheduler", Sample.effect("scheduler = rr", c -> web(c).scheduler()));
        m.put("scheduler_flags", Sample.effect("scheduler_flags = sh-port sh-fallback", "     scheduler = sh\n",
                c -> web(c).options().schedulerFlags()));
        m.put("one_packet", Sample.effect("one_packet = 1", "     protocol = udp\n", c -> web(c).options().onePacket()));
        m.put("tunnel_type", Sample.effect("tunnel_type = gre", "     forward = tunnel\n", c -> web(c).options().tunnel()));
        m.put("tunnel_port", Sample.effect("tunnel_port = 6080", "     forward = tunnel\n     tunnel_type = gue\n"
                + "     tunnel_port = 5555\n", c -> web(c).options().tunnel()));
        m.put("tunnel_checksum", Sample.effect("tunnel_checksum = csum", "     forward = tunnel\n     tunnel_type = gre\n",
                c -> web(c).options().tunnel()));
        m.put("send", Sample.effect("send = \"GET / HTTP/1.0\\r\\n\\r\\n\"", c -> web(c).health().send()));
        m.put("expect", Sample.effect("expect = \"HTTP\"", c -> web(c).health().expect()));
        m.put("use_regex", Sample.effect("use_regex = 1", "     expect = \"HTTP\"\n", c -> web(c).health().useRegex()));
        m.put("send_program", Sample.effect("send_program = \"/bin/true %h\"", c -> web(c).health().sendProgram()));
        m.put("load_monitor", Sample.warns("load_monitor = uptime", "load_monitor"));
        m.put("timeout", Sample.effect("timeout = 10", c -> web(c).health().timeout()));
        m.put("reentry", Sample.effect("reentry = 30", c -> web(c).health().reentry()));
        m.put("quiesce_server", Sample.effect("quiesce_server = 1", c -> web(c).quiesceServer()));
        m.put("sorry_server", Sample.effect("sorry_server = 10.11.12.99 8080", c -> web(c).sorryServer()));
        m.put("forward", Sample.effect("forward = direct", c -> web(c).forward()));
        m.put("slow_start", Sample.effect("slow_start = 10", c -> web(c).slowStart()));
        m.put("rise", Sample.effect("rise = 3", c -> web(c).health().rise()));
        m.put("fall", Sample.effect("fall = 3", c -> web(c).health().fall()));
        m.put("check_*", Sample.effect("check_type = http", c -> web(c).health().settings()));
        return m;
    }

    private static Map<String, Sample> server() {
        Map<String, Sample> m = new LinkedHashMap<>();
        m.put("address", Sample.effect("address = 10.11.12.12", c -> rs1(c).address()));
        m.put("port", Sample.effect("port = 8080", c -> rs1(c).port()));
        m.put("active", Sample.effect("active = 0", c -> rs1(c).active()));
        m.put("weight", Sample.effect("weight = 5", c -> rs1(c).weight()));
        m.put("u_threshold", Sample.effect("u_threshold = 100", c -> rs1(c).upperThreshold()));
        m.put("quiesce_server", Sample.effect("quiesce_server = 1", c -> rs1(c).quiesceServer()));
        m.put("check_*", Sample.effect("check_type = http", c -> rs1(c).checkSettings()));
        m.put("l_threshold", Sample.effect("l_threshold = 50", "         u_threshold = 100\n",
                c -> rs1(c).lowerThreshold()));
        return m;
    }

    /** The keys of the table under the heading that starts with {@code heading}: each `key` of a row's first cell. */
    private static Set<String> documented(String heading) throws Exception {
        List<String> lines = Files.readAllLines(DOC);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("## " + heading)) {
                start = i;
                break;
            }
        }
        assertTrue(start >= 0, "no heading '## " + heading + "' in " + DOC);
        Set<String> keys = new LinkedHashSet<>();
        Pattern key = Pattern.compile("`([a-z_*]+)`");
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String line = lines.get(i);
            if (!line.startsWith("| `")) {
                if (!keys.isEmpty() && !line.startsWith("|")) {
                    break;   // the key table ended
                }
                continue;
            }
            Matcher m = key.matcher(line.substring(1, line.indexOf('|', 1)));
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    private static Set<String> parsed(KeyTable<?> table, String extension) {
        Set<String> keys = new TreeSet<>(table.keys());
        if (extension != null) {
            keys.add(extension);
        }
        return keys;
    }

    @Test
    void theDocumentListsExactlyTheKeysTheParserReads() throws Exception {
        assertEquals(parsed(LvsCfKeys.global(), null), new TreeSet<>(documented("Global keys")));
        assertEquals(parsed(LvsCfKeys.virtual(), "check_*"), new TreeSet<>(documented("`virtual NAME")));
        assertEquals(parsed(LvsCfKeys.server(), "check_*"), new TreeSet<>(documented("`server NAME")));
    }

    @Test
    void everyDocumentedKeyHasARowHere() throws Exception {
        assertEquals(new TreeSet<>(documented("Global keys")), new TreeSet<>(global().keySet()));
        assertEquals(new TreeSet<>(documented("`virtual NAME")), new TreeSet<>(virtual().keySet()));
        assertEquals(new TreeSet<>(documented("`server NAME")), new TreeSet<>(server().keySet()));
    }

    @Test
    void everyKeyChangesTheConfigurationOrIsRefusedOrWarnedAbout() {
        List<String> failures = new ArrayList<>();
        global().forEach((k, s) -> check("global " + k, s, text -> file(s.context() + text, "", ""), failures));
        virtual().forEach((k, s) -> check("virtual " + k, s, text -> file("", s.context() + "     " + text + "\n", ""),
                failures));
        server().forEach((k, s) -> check("server " + k, s, text -> file("", "", s.context() + "         " + text + "\n"),
                failures));
        if (!failures.isEmpty()) {
            fail(failures.size() + " keys without a visible effect:\n" + String.join("\n", failures));
        }
    }

    private static void check(String what, Sample s, Function<String, String> fileWith, List<String> failures) {
        String without = fileWith.apply("");
        String with = fileWith.apply(s.line() + (what.startsWith("global") ? "\n" : ""));
        try {
            Configuration before = LvsCf.parse("lvs.cf", without).configuration();
            if (s.error() != null) {
                try {
                    LvsCf.parse("lvs.cf", with);
                    failures.add(what + ": '" + s.line() + "' was accepted; expected a refusal");
                } catch (ConfigException e) {
                    if (e.errors().stream().map(Diagnostic::toString).noneMatch(d -> d.contains(s.error()))) {
                        failures.add(what + ": refused, but not saying '" + s.error() + "': " + e.errors());
                    }
                }
                return;
            }
            ParsedConfiguration after = LvsCf.parse("lvs.cf", with);
            if (s.warning() != null) {
                if (after.warnings().stream().map(Diagnostic::toString).noneMatch(d -> d.contains(s.warning()))) {
                    failures.add(what + ": no warning about '" + s.warning() + "': " + after.warnings());
                }
                return;
            }
            Object b = s.setting().apply(before);
            Object a = s.setting().apply(after.configuration());
            if (b.equals(a)) {
                failures.add(what + ": '" + s.line() + "' left the setting at " + a);
            }
        } catch (ConfigException e) {
            failures.add(what + ": '" + s.line() + "' refused: " + e.errors());
        }
    }

    @Test
    void aSampleThatChangesNothingIsCaught() {
        List<String> failures = new ArrayList<>();
        check("global priority", Sample.effect("priority = 100", c -> c.cluster().priority()),
                text -> file(text, "", ""), failures);
        assertEquals(1, failures.size(), failures.toString());
        assertNotEquals(-1, failures.get(0).indexOf("left the setting at 100"), failures.get(0));
    }
}
