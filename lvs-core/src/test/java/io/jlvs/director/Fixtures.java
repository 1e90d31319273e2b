package io.jlvs.director;

import io.jlvs.config.ConfigException;
import io.jlvs.config.Configuration;
import io.jlvs.config.LvsCf;
import io.jlvs.director.internal.ConfigLoader;
import io.jlvs.director.internal.DirectorParts;
import io.jlvs.director.internal.HealthPort;
import io.jlvs.director.internal.Role;
import io.jlvs.director.internal.StandaloneRole;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.ServiceKey;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/** Configurations (real lvs.cf text) and parts for director tests on the host. */
final class Fixtures {
    static final Path FILE = Path.of("/etc/sysconfig/ha/lvs.cf");
    static final ServiceKey WEB = ServiceKey.tcp(ip("10.23.8.80"), 80);

    private Fixtures() {
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    static RealServer rs(String address, int weight) {
        return RealServer.builder(ip(address), 80).masquerade().weight(weight).build();
    }

    /** Virtual service "http" (wlc, NAT) with web1 (weight w1) and web2 (weight 1). */
    static Configuration web(int w1) {
        return web(w1, false);
    }

    static Configuration web(int w1, boolean quiesce) {
        return parse(WEB_TEXT.formatted(quiesce ? 1 : 0, w1));
    }

    /** {@link #web}'s text: format with quiesce_server (0/1) and web1's weight. */
    static final String WEB_TEXT = """
                network = nat
                nat_router = 192.168.1.254 eth1:1
                virtual http {
                     address = 10.23.8.80 eth0:1
                     port = 80
                     scheduler = wlc
                     quiesce_server = %d
                     server web1 {
                         address = 192.168.1.2
                         weight = %d
                     }
                     server web2 {
                         address = 192.168.1.3
                         weight = 1
                     }
                }
                """;

    static Configuration parse(String text) {
        try {
            return LvsCf.parse(FILE.toString(), text).configuration();
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A loader that returns whatever the test put in {@link #next}, or throws {@link #error}. */
    static class ScriptedLoader implements ConfigLoader {
        volatile Configuration next;
        volatile ConfigurationRejectedException error;

        ScriptedLoader(Configuration first) {
            this.next = first;
        }

        @Override
        public Configuration load(Path file) throws ConfigurationRejectedException {
            if (error != null) {
                throw error;
            }
            return next;
        }
    }

    static DirectorParts parts(ConfigLoader loader, MemoryKernel kernel, Role role) {
        return new DirectorParts(loader, c -> HealthPort.none(), c -> new StandaloneRole(role), ns -> kernel);
    }

    static DirectorSettings.Builder settings() {
        return DirectorSettings.builder(FILE).driftInterval(java.time.Duration.ofHours(1)).debounce(java.time.Duration.ZERO);
    }
}
