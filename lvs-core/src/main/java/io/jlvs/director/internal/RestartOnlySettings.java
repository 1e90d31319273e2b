package io.jlvs.director.internal;

import io.jlvs.config.ClusterSettings;
import io.jlvs.config.RoleScripts;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lvs.cf settings a reload cannot apply: the pair, its heartbeat and election, and the failure
 * detectors that feed it ({@code monitor_links}, {@code track_script}). A reload applies everything
 * else (virtual servers, checks, addresses and their announcements, NAT router, sync daemon, role
 * programs, {@code manage_whole_table}, {@code check_script_user}); these wait for the next
 * restart. A running director writes the values it started with beside its state file, so that
 * {@code jlvsd --check} can say, offline, which of a file's changes a reload would leave waiting.
 */
public final class RestartOnlySettings {
    private static final String HEADER = "# jlvsd: settings this director started with that a reload cannot change;"
            + " written by jlvsd, do not edit";

    private RestartOnlySettings() {}

    /** The settings, as lvs.cf keys and their values in a stable text form, in docs/lvs.cf.md's order. */
    public static Map<String, String> of(ClusterSettings c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("primary", address(c.primary()));
        m.put("primary_private", address(c.primaryPrivate()));
        m.put("backup", address(c.backup()));
        m.put("backup_private", address(c.backupPrivate()));
        m.put("backup_active", bool(c.backupActive()));
        m.put("heartbeat", bool(c.heartbeat()));
        m.put("heartbeat_port", Integer.toString(c.heartbeatPort()));
        m.put("keepalive", duration(c.keepalive()));
        m.put("deadtime", duration(c.deadtime()));
        m.put("monitor_links", bool(c.monitorLinks()));
        m.put("heartbeat_key_file", c.heartbeatKeyFile().map(Path::toString).orElse("none"));
        m.put("heartbeat_insecure", bool(c.heartbeatInsecure()));
        m.put("priority", Integer.toString(c.priority()));
        m.put("preempt", bool(c.preempt()));
        m.put("failback_delay", duration(c.failbackDelay()));
        RoleScripts s = c.scripts();
        m.put("track_script", s.trackScript().orElse("none"));
        m.put("track_script_interval", duration(s.trackInterval()));
        m.put("track_script_timeout", duration(s.trackTimeout()));
        m.put("track_script_fall", Integer.toString(s.trackFall()));
        m.put("track_script_rise", Integer.toString(s.trackRise()));
        return m;
    }

    /** What differs between the running settings and a file's, one "key (old -> new)" each, in key order. */
    public static List<String> changes(Map<String, String> running, Map<String, String> next) {
        List<String> out = new ArrayList<>();
        next.forEach((key, value) -> {
            String old = running.get(key);
            if (old != null && !old.equals(value)) {
                out.add(key + " (" + old + " -> " + value + ")");
            }
        });
        return out;
    }

    /** Where a director with {@code stateFile} keeps them: beside it. */
    public static Path fileFor(Path stateFile) {
        return stateFile.resolveSibling(stateFile.getFileName() + ".restart-only");
    }

    /** Writes them atomically (beside, then renamed), as the state file is written. */
    public static void write(Path file, ClusterSettings c) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        of(c).forEach((k, v) -> text.append(k).append('=').append(v.replace('\n', ' ')).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** What a running director wrote, or empty when none runs (no file) or it cannot be read. */
    public static Optional<Map<String, String>> read(Path file) {
        try {
            Map<String, String> m = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return Optional.of(m);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String address(Optional<InetAddress> a) {
        return a.map(InetAddress::getHostAddress).orElse("none");
    }

    private static String bool(boolean b) {
        return b ? "1" : "0";
    }

    private static String duration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
