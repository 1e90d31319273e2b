package io.jlvs.director;

import io.jlvs.director.internal.ConfigLoader;
import io.jlvs.director.internal.DirectorConfig;
import io.jlvs.director.internal.DirectorParts;
import io.jlvs.director.internal.HealthPort;
import io.jlvs.director.internal.Role;
import io.jlvs.director.internal.ServerSpec;
import io.jlvs.director.internal.ServiceSpec;
import io.jlvs.director.internal.StandaloneRole;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Configurations and parts for director tests on the host. */
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

    /** One service "http" with web1 (weight w1) and web2 (weight 1). */
    static DirectorConfig web(int w1) {
        return web(w1, false);
    }

    static DirectorConfig web(int w1, boolean quiesce) {
        VirtualService vs = VirtualService.builder(WEB).scheduler(Scheduler.WLC).build();
        ServiceSpec http = new ServiceSpec("http", vs, true, List.of(
                new ServerSpec("web1", rs("192.168.1.2", w1), true),
                new ServerSpec("web2", rs("192.168.1.3", 1), true)), quiesce, Optional.empty());
        return new DirectorConfig(FILE, List.of(http), false, Optional.empty(), "test");
    }

    /** A loader that returns whatever the test put in {@link #next}, or throws {@link #error}. */
    static final class ScriptedLoader implements ConfigLoader {
        volatile DirectorConfig next;
        volatile ConfigurationRejectedException error;

        ScriptedLoader(DirectorConfig first) {
            this.next = first;
        }

        @Override
        public DirectorConfig load(Path file) throws ConfigurationRejectedException {
            if (error != null) {
                throw error;
            }
            return next;
        }
    }

    static DirectorParts parts(ConfigLoader loader, MemoryKernel kernel, Role role) {
        return new DirectorParts(loader, new SimplePlanner(), c -> HealthPort.none(), c -> new StandaloneRole(role), ns -> kernel);
    }

    static DirectorSettings.Builder settings() {
        return DirectorSettings.builder(FILE).driftInterval(java.time.Duration.ofHours(1)).debounce(java.time.Duration.ZERO);
    }
}
