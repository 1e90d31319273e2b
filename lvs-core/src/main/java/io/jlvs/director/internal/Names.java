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
        for (VirtualServerConfig v : config.virtualServers()) {
            if (v.name().equals(t) || keyMatches(v.serviceKey().toString(), t)) {
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

    private static boolean keyMatches(String key, String typed) {
        String k = key.toLowerCase(Locale.ROOT);
        String t = typed.toLowerCase(Locale.ROOT);
        return k.equals(t) || k.replaceFirst(" ", ":").equals(t);
    }
}
