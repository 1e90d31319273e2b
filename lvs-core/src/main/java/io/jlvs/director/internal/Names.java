package io.jlvs.director.internal;

import io.jlvs.config.Configuration;
import io.jlvs.config.RealServerConfig;
import io.jlvs.config.VirtualServerConfig;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a configured virtual service or real server from what an operator typed: its lvs.cf name, or
 * its address as status prints it ("TCP 10.0.0.1:80", "tcp:10.0.0.1:80"; "10.0.0.1:80" for a server).
 */
public final class Names {
    private Names() {
    }

    public static Optional<VirtualServerConfig> service(Configuration config, String text) {
        String t = text.trim();
        // Names first: a plain string compare each, where formatting every key of a 10,000-service
        // file for one jlvsctl command cost more than the command's reconcile.
        for (VirtualServerConfig v : config.virtualServers()) {
            if (v.name().equals(t)) {
                return Optional.of(v);
            }
        }
        String typed = t.toLowerCase(Locale.ROOT);
        for (VirtualServerConfig v : config.virtualServers()) {
            if (keyMatches(v.serviceKey().toString(), typed)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    public static Optional<RealServerConfig> server(VirtualServerConfig virtual, String text) {
        String t = text.trim();
        for (RealServerConfig s : virtual.realServers()) {
            if (s.name().equals(t) || ServerRef.of(virtual, s).server().toString().equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** "TCP 10.0.0.1:80" matches "tcp 10.0.0.1:80" and "tcp:10.0.0.1:80" ({@code typed} is lower case). */
    private static boolean keyMatches(String key, String typed) {
        String k = key.toLowerCase(Locale.ROOT);
        int space = k.indexOf(' ');
        return k.equals(typed) || (space >= 0 && (k.substring(0, space) + ":" + k.substring(space + 1)).equals(typed));
    }
}
