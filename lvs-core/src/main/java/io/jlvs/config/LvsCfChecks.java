package io.jlvs.config;

import io.jlvs.health.HealthCheck;
import io.jlvs.health.HealthChecks;
import io.jlvs.health.InvalidHealthCheckException;
import io.jlvs.ipvs.Protocol;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one place where a virtual server's lvs.cf check keys become the settings of
 * {@link HealthChecks#fromSettings}: Piranha's {@code send}/{@code expect}/{@code use_regex} are a
 * {@code tcp} check ({@code udp} for a UDP service with {@code send}), {@code send_program} a {@code program} check
 * (the factory splits it into words, never through a shell, and substitutes nanny's {@code %h}),
 * {@code check_*} keys lose their prefix ({@code check_type = http} is {@code type = http}), and no
 * check keys at all is a TCP connect check. {@code timeout} is each probe's timeout, as in nanny.
 * {@code check_port}, {@code check_address} and {@code check_interval} say where and how often to
 * probe, not what a probe is, so they are not passed to the factory ({@link #POLICY_KEYS}).
 */
public final class LvsCfChecks {
    /** check_* keys (without the prefix) that are probe policy, not part of the check itself. */
    public static final Set<String> POLICY_KEYS = Set.of("port", "address", "interval");

    private LvsCfChecks() {}

    /**
     * Factory settings for {@code v}, each mapped to the lvs.cf key it came from (for error
     * messages): factory key -> [lvs.cf key, value].
     */
    public static Map<String, String[]> settings(VirtualServerConfig v) {
        HealthCheckConfig h = v.health();
        Map<String, String[]> out = new LinkedHashMap<>();
        boolean udp = v.protocol() == Protocol.UDP;
        if (h.sendProgram().isPresent()) {
            out.put("type", new String[] {"send_program", "program"});
            out.put("program", new String[] {"send_program", h.sendProgram().get()});
        } else {
            // A UDP probe needs something to send; without send, keep nanny's TCP connect.
            out.put("type", new String[] {"protocol", udp && h.send().isPresent() ? "udp" : "tcp"});
        }
        for (Map.Entry<String, String> e : h.settings().entrySet()) {
            String key = e.getKey();
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
        out.putIfAbsent("timeout", new String[] {"timeout", describe(h.timeout())});
        return out;
    }

    /** The check for {@code v}; the exception names the lvs.cf key (see {@link #lvsCfKey}). */
    public static HealthCheck check(VirtualServerConfig v) throws InvalidHealthCheckException {
        Map<String, String> plain = new LinkedHashMap<>();
        settings(v).forEach((k, kv) -> plain.put(k, kv[1]));
        return HealthChecks.fromSettings(plain);
    }

    /** The lvs.cf key behind the factory setting an InvalidHealthCheckException names. */
    public static String lvsCfKey(VirtualServerConfig v, String factoryKey) {
        String[] kv = settings(v).get(factoryKey);
        return kv != null ? kv[0] : factoryKey;
    }

    private static String describe(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : d.toMillis() + "ms";
    }
}
