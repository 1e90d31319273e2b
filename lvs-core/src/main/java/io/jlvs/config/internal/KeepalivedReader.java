package io.jlvs.config.internal;

import io.jlvs.config.NetworkMode;
import io.jlvs.config.RealServerConfig;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code virtual_server} sections of a keepalived.conf (keepalived.conf(5)). Every key
 * this importer does not carry over is reported as a warning with its name and line; keepalived's
 * per-real-server checks become the virtual server's one check (a different check on a later real
 * server is reported).
 */
public final class KeepalivedReader {
    private final Problems problems;

    public KeepalivedReader(Problems problems) {
        this.problems = problems;
    }

    /** A statement: its words, its line, and its block's statements when it opens one. */
    record Node(String name, List<String> args, int line, List<Node> children) {
        boolean isBlock() {
            return children != null;
        }
    }

    public ImportDraft.Imported read(String text) {
        List<ImportDraft> drafts = new ArrayList<>();
        Map<String, ImportDraft> seen = new LinkedHashMap<>();
        java.util.Optional<String> scriptUser = java.util.Optional.empty();
        for (Node node : parse(text)) {
            if (node.name().equals("global_defs") && node.isBlock()) {
                scriptUser = globalDefs(node);
                continue;
            }
            if (!node.name().equals("virtual_server")) {
                problems.warning(node.line(), node.name(), "only virtual_server sections are imported; skipped");
                continue;
            }
            try {
                ImportDraft d = virtualServer(node);
                String key = d.name();
                if (seen.putIfAbsent(key, d) != null) {
                    problems.error(node.line(), "virtual_server", "the same service as on line " + seen.get(key).line);
                } else {
                    drafts.add(d);
                }
            } catch (IllegalArgumentException e) {
                problems.error(node.line(), "virtual_server", e.getMessage());
            }
        }
        return ImportDraft.buildAll(drafts, problems).withScriptUser(scriptUser);
    }

    /**
     * {@code global_defs}: {@code script_user} becomes {@code check_script_user};
     * {@code enable_script_security} is what jLVS always does; every other key is reported.
     */
    private java.util.Optional<String> globalDefs(Node node) {
        java.util.Optional<String> user = java.util.Optional.empty();
        for (Node n : node.children()) {
            switch (n.name()) {
                case "script_user" -> {
                    try {
                        if (n.args().isEmpty() || n.args().size() > 2) {
                            throw new IllegalArgumentException("takes a user and optionally a group");
                        }
                        user = java.util.Optional.of(LvsCfKeys.scriptUser(String.join(" ", n.args())));
                    } catch (IllegalArgumentException e) {
                        problems.error(n.line(), n.name(), e.getMessage());
                    }
                }
                case "enable_script_security" -> {
                    // jLVS judges every program it would run as root this way, always (docs/lvs.cf.md).
                }
                default -> unsupported(n);
            }
        }
        return user;
    }

    private ImportDraft virtualServer(Node node) {
        ImportDraft d = new ImportDraft(node.line());
        List<String> a = node.args();
        if (a.size() == 2 && a.get(0).equals("fwmark")) {
            d.fwmark = Values.integer(a.get(1), 1L, 0xFFFF_FFFFL);
        } else if (a.size() == 2 && a.get(0).equals("group")) {
            throw new IllegalArgumentException("virtual_server group " + a.get(1)
                    + " is not supported: list its members as virtual_server sections");
        } else if (a.size() == 2) {
            d.address = Values.address(a.get(0));
            d.port = Values.integer(a.get(1), 1, 65535);
        } else {
            throw new IllegalArgumentException("expected 'virtual_server IP PORT' or 'virtual_server fwmark N', got "
                    + String.join(" ", a));
        }
        if (!node.isBlock()) {
            throw new IllegalArgumentException("has no { ... } block");
        }
        Map<String, String> firstCheck = null;
        int firstCheckLine = 0;
        for (Node n : node.children()) {
            try {
                switch (n.name()) {
                    case "delay_loop" -> d.check.put("check_interval", one(n));
                    case "lb_algo", "lvs_sched" -> d.scheduler = Scheduler.of(one(n).toLowerCase(Locale.ROOT));
                    case "lb_kind", "lvs_method" -> d.forwarding(kind(one(n)), n.line(), problems, n.name());
                    case "persistence_timeout" -> d.persistent = Duration.ofSeconds(
                            n.args().isEmpty() ? 360 : Values.integer(one(n), 1L, 0xFFFF_FFFFL));
                    case "persistence_granularity" -> d.pmask = LvsCfKeys.netmaskAnyFamily(one(n));
                    case "protocol" -> d.protocol = protocol(one(n));
                    case "sorry_server" -> d.sorry = new RealServerConfig("sorry_server", n.line(),
                            Values.address(arg(n, 0)), n.args().size() > 1 ? Values.integer(arg(n, 1), 0, 65535) : 0,
                            true, 1);
                    case "real_server" -> {
                        Map<String, String> check = realServer(d, n);
                        if (check.isEmpty()) {
                            break;
                        }
                        if (firstCheck == null) {
                            firstCheck = check;
                            firstCheckLine = n.line();
                            applyCheck(d, check);
                        } else if (!firstCheck.equals(check)) {
                            problems.warning(n.line(), "real_server", "its check differs from the one on line "
                                    + firstCheckLine + "; lvs.cf has one check per virtual server, that one is used");
                        }
                    }
                    default -> unsupported(n);
                }
            } catch (IllegalArgumentException e) {
                problems.error(n.line(), n.name(), e.getMessage());
            }
        }
        return d;
    }

    private Map<String, String> realServer(ImportDraft d, Node node) {
        if (node.args().size() != 2 || !node.isBlock()) {
            throw new IllegalArgumentException("expected 'real_server IP PORT { ... }'");
        }
        int weight = 1;
        Map<String, String> check = new LinkedHashMap<>();
        for (Node n : node.children()) {
            try {
                switch (n.name()) {
                    case "weight" -> weight = Values.integer(one(n), 0, RealServerConfig.MAX_WEIGHT);
                    case "inhibit_on_failure" -> d.quiesce = true;
                    case "TCP_CHECK", "HTTP_GET", "SSL_GET", "MISC_CHECK" -> {
                        if (!check.isEmpty()) {
                            problems.warning(n.line(), n.name(), "a second check on one real server; only the first "
                                    + "is imported");
                        } else {
                            check.putAll(check(n));
                        }
                    }
                    default -> unsupported(n);
                }
            } catch (IllegalArgumentException e) {
                problems.error(n.line(), n.name(), e.getMessage());
            }
        }
        var address = Values.address(node.args().get(0));
        int port = Values.integer(node.args().get(1), 0, 65535);
        d.servers.add(new RealServerConfig("rs" + (d.servers.size() + 1), node.line(), address,
                port == d.port ? 0 : port, true, weight));
        return check;
    }

    /** A check block as lvs.cf check settings (keys as lvs.cf would write them). */
    private Map<String, String> check(Node node) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("check_type", switch (node.name()) {
            case "TCP_CHECK" -> "tcp";
            case "HTTP_GET" -> "http";
            case "SSL_GET" -> "https";
            default -> "program";
        });
        if (!node.isBlock()) {
            return s;
        }
        boolean urlSeen = false;
        for (Node n : node.children()) {
            switch (n.name()) {
                case "connect_timeout", "misc_timeout" -> s.put("timeout", one(n));
                case "connect_port" -> s.put("check_port", one(n));
                case "connect_ip" -> s.put("check_address", one(n));
                case "bindto" -> s.put("check_source", one(n));
                case "retry", "nb_get_retry" -> s.put("fall", Integer.toString(
                        Math.max(1, Values.integer(one(n), 0, 100))));
                case "delay_before_retry" -> s.put("check_retry_delay", one(n));
                case "virtualhost" -> s.put("check_host", one(n));
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
                                case "path" -> s.put("check_path", one(u));
                                case "status_code" -> s.put("check_status", one(u));
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

    private static void applyCheck(ImportDraft d, Map<String, String> check) {
        check.forEach((k, v) -> {
            switch (k) {
                case "timeout" -> d.timeout = Values.duration(v, Duration.ofMillis(100), Duration.ofHours(1));
                case "fall" -> d.fall = Values.integer(v, 1, 100);
                default -> d.check.put(k, v);
            }
        });
    }

    private void unsupported(Node n) {
        problems.warning(n.line(), n.name(), "lvs.cf has no equivalent; not imported");
    }

    private static String one(Node n) {
        if (n.args().size() != 1) {
            throw new IllegalArgumentException("takes one value, got " + n.args().size());
        }
        return n.args().get(0);
    }

    private static String arg(Node n, int i) {
        if (n.args().size() <= i) {
            throw new IllegalArgumentException("needs at least " + (i + 1) + " values");
        }
        return n.args().get(i);
    }

    private static NetworkMode kind(String text) {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "NAT" -> NetworkMode.NAT;
            case "DR" -> NetworkMode.DIRECT;
            case "TUN" -> NetworkMode.TUNNEL;
            default -> throw new IllegalArgumentException("must be NAT, DR or TUN, got '" + text + "'");
        };
    }

    private static Protocol protocol(String text) {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "TCP" -> Protocol.TCP;
            case "UDP" -> Protocol.UDP;
            case "SCTP" -> Protocol.SCTP;
            default -> throw new IllegalArgumentException("must be TCP, UDP or SCTP, got '" + text + "'");
        };
    }

    // ---- syntax: words, quoted strings, '{', '}', comments from '#' or '!' to the end of the line ----

    private record Token(String text, int line, boolean quoted) {}

    /**
     * How deep blocks may nest. keepalived's own deepest is four (virtual_server, real_server,
     * HTTP_GET, url); past this a file is not a keepalived.conf, and without a bound a file of
     * nothing but '{' would end the recursive parse in a StackOverflowError.
     */
    static final int MAX_DEPTH = 32;

    private List<Node> parse(String text) {
        List<Token> tokens = tokens(text);
        int[] pos = {0};
        return statements(tokens, pos, 0).nodes();
    }

    /** A block's statements, and whether its '}' came before the end of the file. */
    private record Block(List<Node> nodes, boolean closed) {}

    /** Reads statements from {@code pos} to the end of the file or (depth > 0) to the '}' that ends the block. */
    private Block statements(List<Token> tokens, int[] pos, int depth) {
        List<Node> nodes = new ArrayList<>();
        while (pos[0] < tokens.size()) {
            Token t = tokens.get(pos[0]);
            if (!t.quoted() && t.text().equals("}")) {
                if (depth == 0) {
                    problems.error(t.line(), "", "'}' without an open block");
                    pos[0]++;
                    continue;
                }
                pos[0]++;
                return new Block(nodes, true);
            }
            if (!t.quoted() && t.text().equals("{")) {
                problems.error(t.line(), "", "'{' without a keyword before it");
                pos[0]++;
                block(tokens, pos, depth + 1, t);
                continue;
            }
            // one statement: the words on t's line, then an optional block
            List<String> args = new ArrayList<>();
            pos[0]++;
            while (pos[0] < tokens.size() && tokens.get(pos[0]).line() == t.line()
                    && !isBrace(tokens.get(pos[0]))) {
                args.add(tokens.get(pos[0]++).text());
            }
            List<Node> children = null;
            if (pos[0] < tokens.size() && !tokens.get(pos[0]).quoted() && tokens.get(pos[0]).text().equals("{")) {
                pos[0]++;
                Block b = block(tokens, pos, depth + 1, t);
                if (!b.closed()) {
                    problems.error(t.line(), t.text(), "block is not closed with '}' before the end of the file");
                }
                children = b.nodes();
            }
            nodes.add(new Node(t.text(), args, t.line(), children));
        }
        return new Block(nodes, depth == 0);
    }

    /**
     * The block just opened (after its '{') at {@code depth}: parsed, or past {@link #MAX_DEPTH}
     * reported once and skipped to its '}' by counting braces, without recursing further.
     */
    private Block block(List<Token> tokens, int[] pos, int depth, Token opener) {
        if (depth <= MAX_DEPTH) {
            return statements(tokens, pos, depth);
        }
        problems.error(opener.line(), opener.text(), "blocks nested more than " + MAX_DEPTH + " deep; skipped");
        int open = 1;
        while (pos[0] < tokens.size()) {
            Token t = tokens.get(pos[0]++);
            if (!t.quoted() && t.text().equals("{")) {
                open++;
            } else if (!t.quoted() && t.text().equals("}") && --open == 0) {
                return new Block(List.of(), true);
            }
        }
        return new Block(List.of(), false);
    }

    private static boolean isBrace(Token t) {
        return !t.quoted() && (t.text().equals("{") || t.text().equals("}"));
    }

    private List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int j = 0;
            while (j < line.length()) {
                char c = line.charAt(j);
                if (Character.isWhitespace(c)) {
                    j++;
                } else if (c == '#' || c == '!') {
                    break;
                } else if (c == '{' || c == '}') {
                    tokens.add(new Token(String.valueOf(c), i + 1, false));
                    j++;
                } else if (c == '"') {
                    int end = line.indexOf('"', j + 1);
                    if (end < 0) {
                        problems.error(i + 1, "", "a quoted string has no closing '\"'");
                        break;
                    }
                    tokens.add(new Token(line.substring(j + 1, end), i + 1, true));
                    j = end + 1;
                } else {
                    int start = j;
                    while (j < line.length() && !Character.isWhitespace(line.charAt(j)) && line.charAt(j) != '{'
                            && line.charAt(j) != '}') {
                        j++;
                    }
                    tokens.add(new Token(line.substring(start, j), i + 1, false));
                }
            }
        }
        return tokens;
    }
}
