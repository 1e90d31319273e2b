package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Configuration + health + operator + role -> the table the kernel should hold. */
class DesiredTableComposerTest {
    static final ServiceKey WEB = ServiceKey.tcp(ip("10.0.0.1"), 80);
    static final RealServer A = rs("192.168.1.2", 3);
    static final RealServer B = rs("192.168.1.3", 1);
    static final RealServer SORRY = rs("192.168.1.250", 1);

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static RealServer rs(String a, int w) {
        return RealServer.builder(ip(a), 80).masquerade().weight(w).build();
    }

    static DirectorConfig config(boolean backupActive, boolean quiesce, boolean bActive) {
        ServiceSpec s = new ServiceSpec("http", VirtualService.builder(WEB).scheduler(Scheduler.RR).build(), true,
                List.of(new ServerSpec("a", A, true), new ServerSpec("b", B, bActive)), quiesce, Optional.of(SORRY));
        return new DirectorConfig(Path.of("lvs.cf"), List.of(s), backupActive, Optional.empty(), "m");
    }

    final HealthOverlay health = new HealthOverlay();
    final AdminOverrides admin = new AdminOverrides();

    List<RealServer> servers(DirectorConfig c, Role role) {
        List<DesiredService> d = DesiredTableComposer.compose(c, health, admin, role);
        return d.isEmpty() ? null : d.get(0).servers();
    }

    void down(RealServer r) {
        health.put(new ServerRef(WEB, r.key()), new HealthState(HealthState.Status.DOWN, "x", Duration.ZERO, OptionalInt.empty()));
    }

    @Test
    void roleDecidesWhetherAnythingIsProgrammed() {
        assertEquals(List.of(A, B), servers(config(false, false, true), Role.ACTIVE));
        assertEquals(null, servers(config(false, false, true), Role.BACKUP));
        assertEquals(List.of(A, B), servers(config(true, false, true), Role.BACKUP));
        assertEquals(null, servers(config(true, false, true), Role.INIT));
    }

    @Test
    void inactiveServerIsLeftOut() {
        assertEquals(List.of(A), servers(config(false, false, false), Role.ACTIVE));
    }

    @Test
    void downServerIsRemovedOrQuiesced() {
        down(A);
        assertEquals(List.of(B), servers(config(false, false, true), Role.ACTIVE));
        assertEquals(List.of(A.withWeight(0), B), servers(config(false, true, true), Role.ACTIVE));
    }

    @Test
    void sorryServerOnlyWhenNoneIsUp() {
        down(A);
        down(B);
        assertEquals(List.of(SORRY), servers(config(false, false, true), Role.ACTIVE));
        assertEquals(List.of(A.withWeight(0), B.withWeight(0), SORRY), servers(config(false, true, true), Role.ACTIVE));
    }

    @Test
    void operatorWeightBeatsCheckWeightBeatsConfiguredWeight() {
        ServerRef a = new ServerRef(WEB, A.key());
        health.put(a, new HealthState(HealthState.Status.UP, "ok", Duration.ZERO, OptionalInt.of(7)));
        assertEquals(List.of(A.withWeight(7), B), servers(config(false, false, true), Role.ACTIVE));
        admin.setWeight(a, 2);
        assertEquals(List.of(A.withWeight(2), B), servers(config(false, false, true), Role.ACTIVE));
        admin.setDisabled(a, true);
        assertEquals(List.of(B), servers(config(false, false, true), Role.ACTIVE));
    }
}
