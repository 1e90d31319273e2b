package io.jlvs.health;

import static org.junit.jupiter.api.Assertions.assertSame;

import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A scheduler that dies says so: its owner must not go on serving frozen verdicts. */
@Timeout(60)
class HealthMonitorFailureTest {

    @Test
    void aSchedulerKilledByAnUnexpectedFailureReportsItToTheFailureHandler() throws Exception {
        ManualClock time = new ManualClock();
        AtomicBoolean broken = new AtomicBoolean();
        IllegalStateException injected = new IllegalStateException("injected failure in the scheduler");
        HealthClock failing = new HealthClock() {
            @Override
            public Instant now() {
                return time.now();
            }

            @Override
            public Duration realWaitUntil(Instant deadline) {
                if (broken.get()) {
                    throw injected; // only the scheduler thread asks how long to wait
                }
                return time.realWaitUntil(deadline);
            }

            @Override
            public void onAdvance(Runnable wake) {
                time.onAdvance(wake);
            }
        };
        ServiceKey web = ServiceKey.tcp(InetAddress.getByName("10.0.0.1"), 80);
        RealServer a = RealServer.builder(InetAddress.getByName("192.168.1.2"), 80).masquerade().build();
        WatchedService service = new WatchedService(VirtualService.builder(web).scheduler(Scheduler.WLC).build(),
                List.of(WatchedServer.of(a, ScriptedCheck.of(new ScriptedCheck.Script()))),
                HealthPolicy.builder().interval(Duration.ofSeconds(1)).build());
        CompletableFuture<Throwable> reported = new CompletableFuture<>();
        try (HealthMonitor monitor = HealthMonitor.builder(new RecordingActuator()).clock(failing).watch(service)
                .onFailure(reported::complete).build()) {
            monitor.start();
            broken.set(true);
            time.advance(Duration.ofSeconds(1));

            assertSame(injected, reported.get(30, TimeUnit.SECONDS));
        }
    }
}
