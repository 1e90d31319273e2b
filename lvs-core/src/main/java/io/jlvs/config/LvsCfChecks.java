package io.jlvs.config;

import io.jlvs.health.HealthCheck;
import io.jlvs.health.HealthChecks;
import io.jlvs.health.InvalidHealthCheckException;
import io.jlvs.health.Quorum;
import io.jlvs.health.QuorumAction;
import io.jlvs.ipvs.Protocol;
import io.jlvs.config.internal.Values;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * The one place where a virtual server's lvs.cf check keys become the settings of
 * {@link HealthChecks#fromSettings}: Piranha's {@code send}/{@code expect}/{@code use_regex} are a
 * {@code tcp} check ({@code udp} for a UDP service with {@code send}), {@code send_program} a {@code program} check
 * (the factory splits it into words, never through a shell, and substitutes nanny's {@code %h}),
 * {@code check_*} keys lose their prefix ({@code check_type = http} is {@code type = http}), and no
 * check keys at all is a TCP connect check. {@code timeout} is each probe's timeout, as in nanny.
 * {@code check_port}, {@code check_address}, {@code check_interval}, {@code check_retry_delay},
 * {@code check_alpha} and the quorum keys ({@code check_quorum}, {@code check_hysteresis},
 * {@code check_quorum_up}, {@code check_quorum_down}, {@code check_omega}) say where and how often to probe and what the
 * service does with the verdicts, not what a probe is, so they are not passed to the factory
 * ({@link #POLICY_KEYS}) but read by {@link #probing}.
 */
public final class LvsCfChecks {
    /** check_* keys (without the prefix) that are probe policy, not part of the check itself. */
    public static final Set<String> POLICY_KEYS = Set.of("port", "address", "interval", "retry_delay", "alpha",
            "quorum", "hysteresis", "quorum_up", "quorum_down", "omega");

    /** The policy keys that belong to the whole service: all but where a server is probed (port, address). */
    public static final Set<String> SERVICE_KEYS = Set.of("interval", "retry_delay", "alpha", "quorum", "hysteresis",
            "quorum_up", "quorum_down", "omega");

    /** Keys of the further checks a server must also pass: check2_type ... check9_KEY. */
    private static final java.util.regex.Pattern SET_KEY = java.util.regex.Pattern.compile("check([2-9])_(.+)");

    private LvsCfChecks() {}

    /**
     * Factory settings for {@code v}, each mapped to the lvs.cf key it came from (for error
     * messages): factory key -> [lvs.cf key, value].
     */
    public static Map<String, String[]> settings(VirtualServerConfig v) {
        return settings(v.health(), v.protocol());
    }

    private static Map<String, String[]> settings(HealthCheckConfig h, Protocol protocol) {
        Map<String, String[]> out = new LinkedHashMap<>();
        boolean udp = protocol == Protocol.UDP;
        if (h.sendProgram().isPresent()) {
            out.put("type", new String[] {"send_program", "program"});
            out.put("program", new String[] {"send_program", h.sendProgram().get()});
        } else {
            // A UDP probe needs something to send; without send, keep nanny's TCP connect.
            out.put("type", new String[] {"protocol", udp && h.send().isPresent() ? "udp" : "tcp"});
        }
        for (Map.Entry<String, String> e : h.settings().entrySet()) {
            String key = e.getKey();
            if (SET_KEY.matcher(key).matches()) {
                continue;   // a further check: sets()
            }
            switch (key) {
                case "send", "expect" -> out.put(key, new String[] {key, e.getValue()});
                // Piranha writes use_regex = 0 even without expect; only meaningful with expect.
                case "use_regex" -> {
                    if (h.expect().isPresent()) {
                        out.put(key, new String[] {key, e.getValue()});
                    }
                }
                default -> {
                    if (key.startsWith("check_") && !POLICY_KEYS.contains(key.substring(6))) {
                        out.put(key.substring(6), new String[] {key, e.getValue()});
                    }
                }
            }
        }
        // nanny ignores send when send_program is given; the program factory refuses it.
        if (h.sendProgram().isPresent()) {
            out.remove("send");
        }
        // Each probe's timeout, nanny's; a file check reads a local file and has none to set.
        if (!"file".equals(out.get("type")[1])) {
            out.putIfAbsent("timeout", new String[] {"timeout", Values.describe(h.timeout())});
        }
        return out;
    }

    /**
     * Where and how often to probe, when {@code check_port}, {@code check_address} or
     * {@code check_interval} say so; otherwise the real server's own address and port at the
     * cluster's {@code keepalive}.
     *
     * @param port     the port every real server of the virtual is probed on
     * @param address  the address probed instead of each real server's (keepalived's connect_ip)
     * @param interval the time between probes
     * @param retryDelay after a failure, the time before the next probe while the server is not yet
     *                   down (keepalived's {@code delay_before_retry})
     * @param alpha      servers start down and need {@code rise} good probes (keepalived's alpha);
     *                   otherwise they start up
     * @param quorum     the service's quorum: the up servers' weights must add up to
     *                   {@code check_quorum} (with {@code check_hysteresis}), running
     *                   {@code check_quorum_down} / {@code check_quorum_up} when it is lost / regained
     */
    public record Probing(OptionalInt port, Optional<InetAddress> address, Optional<Duration> interval,
            Optional<Duration> retryDelay, boolean alpha, Optional<Quorum> quorum) {
        public Probing {
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(retryDelay, "retryDelay");
            Objects.requireNonNull(quorum, "quorum");
        }
    }

    /** {@code v}'s probing keys; a bad value throws, naming the lvs.cf key. */
    public static Probing probing(VirtualServerConfig v) throws InvalidHealthCheckException {
        return probing(v.health().settings());
    }

    /** {@code v}'s probing keys with {@code server}'s own {@code check_port} and {@code check_address}. */
    public static Probing probing(VirtualServerConfig v, RealServerConfig server) throws InvalidHealthCheckException {
        return probing(server.checkSettings().isEmpty() ? v.health().settings() : merged(v, server).settings());
    }

    private static Probing probing(Map<String, String> s) throws InvalidHealthCheckException {
        OptionalInt port = OptionalInt.empty();
        Optional<InetAddress> address = Optional.empty();
        Optional<Duration> interval = Optional.empty();
        if (s.containsKey("check_port")) {
            port = OptionalInt.of(policyValue(s, "check_port", t -> Values.integer(t, 1, 65535)));
        }
        if (s.containsKey("check_address")) {
            address = Optional.of(policyValue(s, "check_address", Values::address));
        }
        if (s.containsKey("check_interval")) {
            interval = Optional.of(policyValue(s, "check_interval",
                    t -> Values.duration(t, Duration.ofMillis(10), Duration.ofHours(1))));
        }
        Optional<Duration> retryDelay = Optional.empty();
        if (s.containsKey("check_retry_delay")) {
            retryDelay = Optional.of(policyValue(s, "check_retry_delay",
                    t -> Values.duration(t, Duration.ofMillis(10), Duration.ofHours(1))));
        }
        boolean alpha = s.containsKey("check_alpha") && policyValue(s, "check_alpha", Values::bool);
        return new Probing(port, address, interval, retryDelay, alpha, quorum(s));
    }

    /** Whether a virtual server's check settings ask for a quorum ({@code check_quorum}). */
    public static boolean hasQuorum(Map<String, String> checkSettings) {
        return checkSettings.containsKey("check_quorum");
    }

    /** The quorum keys: none without check_quorum; the programs split as check programs are, never by a shell. */
    private static Optional<Quorum> quorum(Map<String, String> s) {
        if (!hasQuorum(s)) {
            for (String key : new String[] {"check_hysteresis", "check_quorum_up", "check_quorum_down", "check_omega"}) {
                if (s.containsKey(key)) {
                    throw new InvalidHealthCheckException(key, s.get(key), "needs check_quorum");
                }
            }
            return Optional.empty();
        }
        int minimum = policyValue(s, "check_quorum", t -> Values.integer(t, 1, Integer.MAX_VALUE));
        int hysteresis = s.containsKey("check_hysteresis")
                ? policyValue(s, "check_hysteresis", t -> Values.integer(t, 0, Integer.MAX_VALUE)) : 0;
        List<String> down = s.containsKey("check_quorum_down") ? policyValue(s, "check_quorum_down", LvsCfChecks::argv) : List.of();
        List<String> up = s.containsKey("check_quorum_up") ? policyValue(s, "check_quorum_up", LvsCfChecks::argv) : List.of();
        boolean omega = s.containsKey("check_omega") && policyValue(s, "check_omega", Values::bool);
        if (omega && down.isEmpty()) {
            throw new InvalidHealthCheckException("check_omega", s.get("check_omega"),
                    "needs check_quorum_down, the program it runs when jlvsd stops");
        }
        QuorumAction action = down.isEmpty() && up.isEmpty() ? new QuorumAction.Notify()
                : new QuorumAction.RunCommand(down, up, omega);
        try {
            return Optional.of(new Quorum(minimum, hysteresis, action));
        } catch (IllegalArgumentException e) {
            throw new InvalidHealthCheckException("check_hysteresis", s.get("check_hysteresis"), e.getMessage());
        }
    }

    private static List<String> argv(String line) {
        List<String> argv = io.jlvs.health.internal.check.Argv.split(line);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("must name a program");
        }
        return argv;
    }

    private static <T> T policyValue(Map<String, String> settings, String key, Function<String, T> parse) {
        String text = settings.get(key);
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidHealthCheckException(key, text, e.getMessage());
        }
    }

    /**
     * The check for {@code v}'s servers: its first check ({@code check_*} and Piranha's keys) and every
     * further one ({@code check2_*} ... {@code check9_*}), all of which must pass. The exception names the
     * lvs.cf key (see {@link #lvsCfKey}). The probing keys are validated here too, so that a
     * configuration with a bad one is refused on load.
     */
    public static HealthCheck check(VirtualServerConfig v) throws InvalidHealthCheckException {
        probing(v);
        return build(v.health(), v.protocol());
    }

    /**
     * The check for one server of {@code v}: {@link #check(VirtualServerConfig)} with the server's own
     * check keys. A set the server gives its {@code type} (check_type, check2_type, ...) replaces the
     * virtual's set of that number (for the first one, Piranha's send/expect/send_program too); a set
     * without it adjusts the virtual's key by key. Policy keys of the whole service are refused in a server.
     */
    public static HealthCheck check(VirtualServerConfig v, RealServerConfig server) throws InvalidHealthCheckException {
        if (server.checkSettings().isEmpty()) {
            return check(v);
        }
        for (Map.Entry<String, String> e : server.checkSettings().entrySet()) {
            String plain = e.getKey().substring(e.getKey().indexOf('_') + 1);
            if (e.getKey().startsWith("check_") && SERVICE_KEYS.contains(plain)) {
                throw new InvalidHealthCheckException(e.getKey(), e.getValue(),
                        "belongs in the virtual block: it applies to the whole service");
            }
        }
        HealthCheckConfig h = merged(v, server);
        probing(h.settings());
        return build(h, v.protocol());
    }

    /** {@code v}'s check settings with {@code server}'s laid over them, as the rules of {@link #check(VirtualServerConfig, RealServerConfig)} say. */
    private static HealthCheckConfig merged(VirtualServerConfig v, RealServerConfig server) {
        HealthCheckConfig h = v.health();
        Map<String, String> own = server.checkSettings();
        Map<String, String> settings = new LinkedHashMap<>(h.settings());
        boolean replacesFirst = own.containsKey("check_type");
        for (String key : own.keySet()) {
            java.util.regex.Matcher m = SET_KEY.matcher(key);
            String prefix = m.matches() ? "check" + m.group(1) + "_" : "check_";
            if (own.containsKey(prefix + "type")) {
                settings.keySet().removeIf(k -> k.startsWith(prefix)
                        && (!prefix.equals("check_") || !POLICY_KEYS.contains(k.substring(6))));
            }
        }
        if (replacesFirst) {
            settings.keySet().removeAll(Set.of("send", "expect", "use_regex", "send_program"));
        }
        settings.putAll(own);
        return new HealthCheckConfig(replacesFirst ? Optional.empty() : h.send(),
                replacesFirst ? Optional.empty() : h.expect(), !replacesFirst && h.useRegex(),
                replacesFirst ? Optional.empty() : h.sendProgram(), h.timeout(), h.reentry(), h.loadMonitor(),
                h.rise(), h.fall(), settings);
    }

    private static HealthCheck build(HealthCheckConfig h, Protocol protocol) {
        java.util.List<HealthCheck> checks = new java.util.ArrayList<>();
        Map<String, String> plain = new LinkedHashMap<>();
        settings(h, protocol).forEach((k, kv) -> plain.put(k, kv[1]));
        checks.add(HealthChecks.fromSettings(plain));
        sets(h).forEach((n, set) -> {
            try {
                checks.add(HealthChecks.fromSettings(set));
            } catch (InvalidHealthCheckException e) {
                throw e.renamed("check" + n + "_" + e.setting());
            }
        });
        return io.jlvs.health.AllChecks.of(checks);
    }

    /** The further checks, by number: check2_KEY = V is KEY = V of set 2, with the first check's timeout. */
    private static Map<Integer, Map<String, String>> sets(HealthCheckConfig h) {
        Map<Integer, Map<String, String>> sets = new java.util.TreeMap<>();
        for (Map.Entry<String, String> e : h.settings().entrySet()) {
            java.util.regex.Matcher m = SET_KEY.matcher(e.getKey());
            if (!m.matches()) {
                continue;
            }
            if (POLICY_KEYS.contains(m.group(2))) {
                throw new InvalidHealthCheckException(e.getKey(), e.getValue(), "a further check takes what a probe "
                        + "is (type, path, ...); where and how often to probe is check_" + m.group(2));
            }
            sets.computeIfAbsent(Integer.parseInt(m.group(1)), n -> new LinkedHashMap<>()).put(m.group(2), e.getValue());
        }
        sets.forEach((n, set) -> {
            if (!set.containsKey("type")) {
                throw new InvalidHealthCheckException("check" + n + "_type", null, "is required for check " + n);
            }
            if (!"file".equals(set.get("type"))) {
                set.putIfAbsent("timeout", Values.describe(h.timeout()));
            }
        });
        return sets;
    }

    /** The lvs.cf key behind the factory setting an InvalidHealthCheckException names. */
    public static String lvsCfKey(VirtualServerConfig v, String factoryKey) {
        String[] kv = settings(v).get(factoryKey);
        return kv != null ? kv[0] : factoryKey;
    }
}
