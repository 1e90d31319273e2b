package io.jlvs.console;

import io.jlvs.config.LvsCfText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lvs.cf page: Piranha's panels as forms over the file's keys, and the whole file in a text editor
 * for everything else. Public only for the compiled templates.
 *
 * @param user     who is looking
 * @param role     their role's word
 * @param operator whether the forms can be sent (viewers see them read-only)
 * @param csrf     the session's CSRF token
 * @param file     the file jlvsd runs
 * @param sha256   its hash, the base of any edit made from this page
 * @param text     its text
 * @param panels   the forms
 * @param error    what went wrong with the last edit, or null
 */
public record ConfigPage(String user, String role, boolean operator, String csrf, String file, String sha256, String text,
        List<Panel> panels, String error) {

    /** The keys each panel edits, as Piranha's panels grouped them; every other key is the text editor's. */
    static final Map<String, List<String>> KEYS = Map.of(
            "global", List.of("primary", "primary_private", "service", "network", "nat_router", "nat_nmask", "debug_level"),
            "redundancy", List.of("backup_active", "backup", "backup_private", "heartbeat", "heartbeat_port", "keepalive",
                    "deadtime", "monitor_links", "syncdaemon", "syncd_iface", "syncd_id"),
            "virtual", List.of("active", "address", "vip_nmask", "port", "protocol", "fwmark", "persistent", "pmask",
                    "scheduler", "load_monitor", "quiesce_server"),
            "monitoring", List.of("send", "expect", "use_regex", "send_program", "timeout", "reentry"),
            "server", List.of("address", "active", "weight"));

    /** A form: its kind (a key of {@link #KEYS}), its title, the block it edits ("" where none) and its fields. */
    public record Panel(String id, String kind, String title, String virtualName, String serverName, List<Field> fields) {}

    /** A key and its value as written ("" when absent). */
    public record Field(String key, String value) {}

    static List<Panel> panels(LvsCfText.Block root) {
        List<Panel> out = new ArrayList<>();
        out.add(panel("global", "GLOBAL SETTINGS", "", "", root));
        out.add(panel("redundancy", "REDUNDANCY", "", "", root));
        for (LvsCfText.Block v : root.blocks()) {
            if (!v.kind().equals("virtual")) {
                continue;
            }
            out.add(panel("virtual", "VIRTUAL SERVER " + v.name(), v.name(), "", v));
            for (LvsCfText.Block s : v.blocks()) {
                out.add(panel("server", "REAL SERVER " + v.name() + " / " + s.name(), v.name(), s.name(), s));
            }
            out.add(panel("monitoring", "MONITORING SCRIPTS " + v.name(), v.name(), "", v));
        }
        return out;
    }

    private static Panel panel(String kind, String title, String virtual, String server, LvsCfText.Block block) {
        List<Field> fields = KEYS.get(kind).stream().map(k -> new Field(k, block.values().getOrDefault(k, ""))).toList();
        String id = kind + (virtual.isEmpty() ? "" : "-" + virtual) + (server.isEmpty() ? "" : "-" + server);
        return new Panel(id, kind, title, virtual, server, fields);
    }
}
