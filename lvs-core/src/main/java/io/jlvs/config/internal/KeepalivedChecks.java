package io.jlvs.config.internal;

import io.jlvs.config.internal.KeepalivedSyntax.Node;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * keepalived's checkers (TCP_CHECK, HTTP_GET, SSL_GET, MISC_CHECK, PING_CHECK) as lvs.cf check keys. The first
 * real server's checkers become the virtual's checks: the first as {@code check_*} (with the
 * virtual's {@code timeout} and {@code fall}), the others as {@code check2_*}, {@code check3_*}, which
 * every server must also pass. A real server whose checkers differ gets them as check keys of its own,
 * each with its type, so they replace the virtual's of the same number. What lvs.cf holds per service
 * only (retry, delay_before_retry) or not for a further check (another port or address) is reported.
 */
final class KeepalivedChecks {
    /** Keys of a checker that are the whole service's in lvs.cf. */
    private static final Set<String> SERVICE_WIDE = Set.of("fall", "check_retry_delay");
    /** Keys a further check (check2_ ...) cannot have: all of a server's checks probe one address and port. */
    private static final Set<String> FIRST_ONLY = Set.of("check_port", "check_address");

    private final Problems problems;

    KeepalivedChecks(Problems problems) {
        this.problems = problems;
    }

    /** A checker block as lvs.cf check settings (keys as lvs.cf would write them for the first check). */
    Map<String, String> checker(Node node) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("check_type", switch (node.name()) {
            case "TCP_CHECK" -> "tcp";
            case "HTTP_GET" -> "http";
            case "SSL_GET" -> "https";
            case "PING_CHECK" -> "ping";
            default -> "program";
        });
        if (!node.isBlock()) {
            return s;
        }
        boolean urlSeen = false;
        for (Node n : node.children()) {
            switch (n.name()) {
                case "connect_timeout", "misc_timeout" -> s.put("timeout", KeepalivedReader.one(n));
                case "connect_port" -> s.put("check_port", KeepalivedReader.one(n));
                case "connect_ip" -> s.put("check_address", KeepalivedReader.one(n));
                case "bindto" -> s.put("check_source", KeepalivedReader.one(n));
                case "retry", "nb_get_retry" -> s.put("fall", Integer.toString(
                        Math.max(1, Values.integer(KeepalivedReader.one(n), 0, 100))));
                case "delay_before_retry" -> s.put("check_retry_delay", KeepalivedReader.one(n));
                case "virtualhost" -> s.put("check_host", KeepalivedReader.one(n));
                case "misc_path" -> s.put("send_program", String.join(" ", n.args()));
                case "url" -> {
                    if (urlSeen) {
                        problems.warning(n.line(), "url", "only the first url of a check is imported");
                        continue;
                    }
                    urlSeen = true;
                    if (n.isBlock()) {
                        for (Node u : n.children()) {
                            switch (u.name()) {
                                case "path" -> s.put("check_path", KeepalivedReader.one(u));
                                case "status_code" -> s.put("check_status", KeepalivedReader.one(u));
                                default -> unsupported(u);
                            }
                        }
                    }
                }
                default -> unsupported(n);
            }
        }
        return s;
    }

    private void unsupported(Node n) {
        problems.warning(n.line(), n.name(), "lvs.cf has no equivalent; not imported");
    }

    /** The first real server's checkers become the virtual's checks. */
    void applyToVirtual(ImportDraft d, List<Map<String, String>> checkers, int line) {
        checkers.get(0).forEach((k, v) -> {
            switch (k) {
                case "timeout" -> d.timeout = Values.duration(v, Duration.ofMillis(100), Duration.ofHours(1));
                case "fall" -> d.fall = Values.integer(v, 1, 100);
                default -> d.check.put(k, v);
            }
        });
        for (int i = 1; i < checkers.size() && i < 9; i++) {
            d.check.putAll(asSet(checkers.get(i), i + 1, checkers.get(0), line));
        }
        tooMany(checkers, line);
    }

    /** A real server whose checkers differ from the virtual's: its own, each replacing the virtual's of that number. */
    Map<String, String> serverOverrides(List<Map<String, String>> own, List<Map<String, String>> virtual,
            int virtualLine, int line) {
        Map<String, String> out = new LinkedHashMap<>();
        if (own.isEmpty()) {
            problems.warning(line, "real_server", "has no checker (keepalived: never checked); lvs.cf checks it as the"
                    + " other servers of its virtual (line " + virtualLine + ")");
            return out;
        }
        for (int i = 0; i < own.size() && i < 9; i++) {
            out.putAll(asSet(own.get(i), i + 1, virtual.get(0), line));
        }
        if (own.size() < virtual.size()) {
            problems.warning(line, "real_server", "has " + own.size() + " checker(s) where the first server (line "
                    + virtualLine + ") has " + virtual.size() + "; lvs.cf also runs the virtual's further checks on it");
        }
        tooMany(own, line);
        return out;
    }

    /** Checker {@code c} as set {@code n}'s keys (n = 1: check_*, with its timeout as check_timeout). */
    private Map<String, String> asSet(Map<String, String> c, int n, Map<String, String> first, int line) {
        String prefix = n == 1 ? "check_" : "check" + n + "_";
        Map<String, String> out = new LinkedHashMap<>();
        c.forEach((k, v) -> {
            if (SERVICE_WIDE.contains(k)) {
                if (!v.equals(first.get(k))) {
                    problems.warning(line, k.equals("fall") ? "retry" : "delay_before_retry", "lvs.cf has one per "
                            + "service; the first checker's is used");
                }
            } else if (n > 1 && FIRST_ONLY.contains(k)) {
                problems.warning(line, k.equals("check_port") ? "connect_port" : "connect_ip", "a further checker "
                        + "probes where the first does in lvs.cf; not imported");
            } else if (k.equals("timeout")) {
                out.put(prefix + "timeout", v);
            } else if (k.equals("send_program")) {
                out.put(prefix + "program", v);
            } else {
                out.put(prefix + k.substring("check_".length()), v);
            }
        });
        return out;
    }

    private void tooMany(List<Map<String, String>> checkers, int line) {
        if (checkers.size() > 9) {
            problems.warning(line, "real_server", checkers.size() + " checkers; lvs.cf holds 9, the rest are not imported");
        }
    }
}
