package io.jlvs.director;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.config.Configuration;
import io.jlvs.config.RealServerConfig;
import io.jlvs.config.VirtualServerConfig;
import io.jlvs.director.internal.DirectorParts;
import io.jlvs.director.internal.HealthPort;
import io.jlvs.director.internal.HealthState;
import io.jlvs.director.internal.Role;
import io.jlvs.director.internal.ServerRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Health verdicts, operator commands and reloads compose and plan only the services they touch (role
 * changes all of them),
 * against the table applied last. Whatever the sequence, the kernel must then hold exactly what a
 * full composition of the current state asks for: {@link Director#plan()} (compose everything, read
 * the kernel, diff) finds nothing to do after every step.
 */
class IncrementalReconcilePropertyTest {

    /** One step: {@code kind} picks the action, the numbers pick its target and value. */
    record Step(int kind, int service, int server, int value) {
    }

    @Property(tries = 60)
    void incrementalReconcilesLeaveNothingForAFullOne(@ForAll("steps") List<Step> steps) throws Exception {
        MemoryKernel k = new MemoryKernel();
        Fixtures.ScriptedLoader loader = new Fixtures.ScriptedLoader(config(new int[] {1, 1, 1}, 3, false, "wlc"));
        SwitchedRole role = new SwitchedRole(Role.ACTIVE);
        DirectorParts parts = new DirectorParts(loader, c -> HealthPort.none(), c -> role, ns -> k);
        try (Director d = Director.start(Fixtures.settings().build(), parts)) {
            d.awaitIdle();
            for (Step step : steps) {
                if (step.kind() == 7) {
                    role.set(step.value() % 2 == 0 ? Role.BACKUP : Role.ACTIVE); // failover either way
                }
                apply(d, loader, step);
                d.awaitIdle();
                d.awaitIdle(); // a verdict's reconcile is scheduled by the first task
                assertEquals(List.of(), d.plan(), "after " + step + " in " + steps);
            }
        }
    }

    private static void apply(Director d, Fixtures.ScriptedLoader loader, Step s) throws Exception {
        Configuration cfg = loader.next;
        List<VirtualServerConfig> virtuals = cfg.virtualServers();
        VirtualServerConfig v = virtuals.get(s.service() % virtuals.size());
        List<RealServerConfig> servers = v.realServers();
        if (servers.isEmpty()) {
            return;
        }
        RealServerConfig r = servers.get(s.server() % servers.size());
        ServerRef ref = ServerRef.of(v, r);
        switch (s.kind()) {
            case 0 -> d.healthVerdict(ref, new HealthState(HealthState.Status.DOWN, "refused", Duration.ZERO, OptionalInt.empty()));
            case 1 -> d.healthVerdict(ref, new HealthState(HealthState.Status.UP, "ok", Duration.ZERO, OptionalInt.empty()));
            case 2 -> d.healthVerdict(ref, new HealthState(HealthState.Status.UP, "ok", Duration.ZERO, OptionalInt.of(s.value())));
            case 3 -> d.setWeight(v.name(), r.name(), s.value());
            case 4 -> d.setEnabled(v.name(), r.name(), s.value() % 2 == 0);
            case 5 -> {
                int[] weights = {1 + s.value() % 3, 1 + (s.value() / 3) % 3, 1 + (s.value() / 9) % 3};
                loader.next = config(weights, 1 + s.server() % 3, s.value() % 4 == 0, s.value() % 5 == 0 ? "rr" : "wlc");
                d.reload();
            }
            case 7 -> {
                // a role change, made above
            }
            default -> {
                // globals change: the backup director takes part (every service is composed again)
                loader.next = configWithGlobals(cfg, s.value() % 2 == 0);
                d.reload();
            }
        }
    }

    /**
     * Services web0..web2 (10.23.8.80..82:80, {@code serversPerService} servers each, web0 quiescing
     * when asked, web2 with a sorry server) and one firewall-mark service made of two virtuals (mark 7,
     * ports 443 and 8443) that share real server a.
     */
    static Configuration config(int[] weights, int serversPerService, boolean quiesce, String scheduler) {
        StringBuilder text = new StringBuilder("""
                network = nat
                nat_router = 192.168.1.254 eth1:1
                """);
        for (int s = 0; s < 3; s++) {
            text.append("virtual web").append(s).append(" {\n address = 10.23.8.8").append(s).append(" eth0:1\n port = 80\n")
                    .append(" scheduler = ").append(s == 1 ? scheduler : "wlc").append('\n')
                    .append(" quiesce_server = ").append(quiesce && s == 0 ? 1 : 0).append('\n');
            if (s == 2) {
                text.append(" sorry_server = 192.168.9.9 80\n");
            }
            for (int r = 0; r < serversPerService; r++) {
                text.append(" server r").append(r).append(" {\n  address = 192.168.").append(s + 1).append('.').append(r + 2)
                        .append("\n  weight = ").append(weights[r]).append("\n }\n");
            }
            text.append("}\n");
        }
        for (int port : new int[] {443, 8443}) {
            text.append("virtual mark").append(port).append(" {\n address = 10.23.8.90 eth0:1\n port = ").append(port)
                    .append("\n fwmark = 7\n persistent = 60\n server a {\n  address = 192.168.7.2\n }\n")
                    .append(" server b").append(port).append(" {\n  address = 192.168.7.").append(port == 443 ? 3 : 4)
                    .append("\n }\n}\n");
        }
        return Fixtures.parse(text.toString());
    }

    private static Configuration configWithGlobals(Configuration cfg, boolean backupActive) {
        String text = io.jlvs.config.LvsCf.write(cfg);
        List<String> lines = new ArrayList<>(text.lines().filter(l -> !l.startsWith("backup")).toList());
        if (backupActive) {
            lines.add(0, "backup = 10.0.0.2");
            lines.add(0, "backup_active = 1");
        }
        return Fixtures.parse(String.join("\n", lines) + "\n");
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 40)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(12);
    }
}
