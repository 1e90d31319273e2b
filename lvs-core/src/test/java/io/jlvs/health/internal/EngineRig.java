package io.jlvs.health.internal;

import io.jlvs.health.HealthPolicy;
import io.jlvs.health.ScriptedCheck;
import io.jlvs.health.WatchedServer;
import io.jlvs.health.WatchedService;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A HealthEngine driven by hand: scripted answers, a time that moves one interval per round. */
final class EngineRig {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final ServiceKey WEB = ServiceKey.tcp(ip("10.0.0.1"), 80);
    static final ServiceKey MAIL = ServiceKey.tcp(ip("10.0.0.2"), 25);

    final ScriptedCheck.Script script = new ScriptedCheck.Script();
    final ScriptedCheck check = ScriptedCheck.of(script);
    final Decisions initial = new Decisions();
    HealthEngine engine;
    Instant now = T0;

    /** Starts the engine on {@code services} (built with {@link #service}, so they use this rig's check). */
    EngineRig start(WatchedService... services) {
        engine = new HealthEngine(List.of(services), now, new Random(7), initial);
        return this;
    }

    /** Moves time by {@code step}, runs slow-start steps and every due probe, and returns what was decided. */
    Decisions advance(Duration step) {
        now = now.plus(step);
        Decisions d = engine.tick(now);
        for (HealthEngine.DueProbe p : engine.takeDue(now)) {
            d.addAll(engine.record(p.key(), script.answer(p.key().target()), now));
        }
        return d;
    }

    /** One second: one round at the rigs' 1 s interval. */
    Decisions round() {
        return advance(Duration.ofSeconds(1));
    }

    /** {@code n} rounds, their decisions together. */
    Decisions rounds(int n) {
        Decisions all = new Decisions();
        for (int i = 0; i < n; i++) {
            all.addAll(round());
        }
        return all;
    }

    static HealthPolicy.Builder policy() {
        return HealthPolicy.builder().interval(Duration.ofSeconds(1));
    }

    static RealServer rs(String address, int weight) {
        return RealServer.builder(ip(address), 80).masquerade().weight(weight).build();
    }

    static InetSocketAddress target(RealServer rs) {
        return new InetSocketAddress(rs.address(), rs.port());
    }

    WatchedService service(ServiceKey key, HealthPolicy policy, RealServer... servers) {
        return watched(key, check, policy, servers);
    }

    static WatchedService watched(ServiceKey key, ScriptedCheck check, HealthPolicy policy, RealServer... servers) {
        List<WatchedServer> ws = new ArrayList<>();
        for (RealServer s : servers) {
            ws.add(WatchedServer.of(s, check));
        }
        return new WatchedService(VirtualService.builder(key).scheduler(Scheduler.WLC).build(), ws, policy);
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
