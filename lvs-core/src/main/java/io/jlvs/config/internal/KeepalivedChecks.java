package io.jlvs.config.internal;

import io.jlvs.config.internal.KeepalivedSyntax.Node;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * keepalived's checkers (TCP_CHECK, HTTP_GET, SSL_GET, MISC_CHECK, PING_CHECK, FILE_CHECK with the
 * {@code track_file} it names) as lvs.cf check keys. The first
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
    /** The top-level {@code track_file} (or {@code vrrp_track_file}) blocks by name, and those a FILE_CHECK used. */
    private final Map<String, Node> trackFiles = new LinkedHashMap<>();
    private final Set<String> usedTrackFiles = new java.util.HashSet<>();

    KeepalivedChecks(Problems problems) {
        this.problems = problems;
    }

    /** Remembers a top-level track_file block for the FILE_CHECKs that name it. */
    void trackFile(Node node) {
        if (!node.isBlock() || node.args().size() != 1) {
            problems.error(node.line(), node.name(), "expected '" + node.name() + " NAME { file PATH ... }'");
        } else if (trackFiles.putIfAbsent(node.args().get(0), node) != null) {
            problems.error(node.line(), node.name(), node.args().get(0) + " is defined twice");
        }
    }

    /** Warns about track_file blocks no FILE_CHECK named (keepalived's VRRP tracking is not imported). */
    void reportUnusedTrackFiles() {
        trackFiles.forEach((name, node) -> {
            if (!usedTrackFiles.contains(name)) {
                problems.warning(node.line(), node.name(), name + " is named by no FILE_CHECK; not imported");
            }
        });
    }

    /** A checker block as lvs.cf check settings (keys as lvs.cf would write them for the first check). */
    Map<String, String> checker(Node node) {
        if (node.name().equals("FILE_CHECK")) {
            return fileChecker(node);
        }
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

    /**
     * FILE_CHECK: the file its {@code track_file} names, the checker's weight (else the track_file's,
     * else 1) and reverse. keepalived adds value × weight to the server's weight; lvs.cf's
     * check_file_weight makes value × weight the weight, so a weight other than 0 is imported with a
     * warning saying so. Weight 0 (0 up, anything else down) is the same in both.
     */
    private Map<String, String> fileChecker(Node node) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("check_type", "file");
        if (!node.isBlock()) {
            throw new IllegalArgumentException("expected 'FILE_CHECK { track_file NAME }'");
        }
        Node track = null;
        List<String> weight = null;
        int weightLine = node.line();
        for (Node n : node.children()) {
            switch (n.name()) {
                case "track_file" -> {
                    String name = KeepalivedReader.one(n);
                    track = trackFiles.get(name);
                    if (track == null) {
                        throw new IllegalArgumentException("names track_file " + name + ", which is not defined");
                    }
                    usedTrackFiles.add(name);
                }
                case "weight" -> {
                    weight = n.args();
                    weightLine = n.line();
                }
                default -> unsupported(n);
            }
        }
        if (track == null) {
            throw new IllegalArgumentException("needs track_file NAME");
        }
        for (Node n : track.children()) {
            switch (n.name()) {
                case "file" -> s.put("check_file", KeepalivedReader.one(n));
                case "weight" -> {
                    if (weight == null) {
                        weight = n.args();
                        weightLine = n.line();
                    }
                }
                case "init_file" -> problems.warning(n.line(), n.name(), "jlvsd never writes the tracked file;"
                        + " a missing file is down. Not imported");
                default -> unsupported(n);
            }
        }
        if (!s.containsKey("check_file")) {
            throw new IllegalArgumentException("track_file " + track.args().get(0) + " (line " + track.line()
                    + ") has no file");
        }
        int multiplier = 1;
        boolean reverse = false;
        if (weight != null) {
            if (weight.isEmpty() || weight.size() > 2 || (weight.size() == 2 && !weight.get(1).equals("reverse"))) {
                throw new IllegalArgumentException("expected 'weight N [reverse]', got 'weight " + String.join(" ", weight) + "'");
            }
            multiplier = (int) Values.integer(weight.get(0), -65535, 65535);
            reverse = weight.size() == 2;
        }
        s.put("check_file_weight", Integer.toString(multiplier));
        if (reverse) {
            s.put("check_file_reverse", "1");
        }
        if (multiplier != 0) {
            problems.warning(weightLine, "weight", "keepalived adds the file's value × " + multiplier
                    + " to the server's weight; lvs.cf's check_file_weight makes it the weight (0 or less: down)");
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
