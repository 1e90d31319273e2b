package io.jlvs.director.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * Finds a configured service or real server from what an operator typed: its configuration name,
 * or its address as status prints it ("TCP 10.0.0.1:80", "tcp:10.0.0.1:80", "10.0.0.1:80" for a
 * server).
 */
public final class Names {
    private Names() {
    }

    public static Optional<ServiceSpec> service(DirectorConfig config, String text) {
        String t = text.trim();
        for (ServiceSpec s : config.services()) {
            if (s.name().equals(t) || keyMatches(s.key().toString(), t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static Optional<ServerSpec> server(ServiceSpec service, String text) {
        String t = text.trim();
        for (ServerSpec s : service.servers()) {
            if (s.name().equals(t) || s.server().key().toString().equals(t)) {
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
