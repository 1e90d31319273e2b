package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The metrics endpoint scraped over loopback HTTP, as Prometheus would. */
class DirectorMetricsTest {

    @Test
    void onlyALoopbackBindStaysOnThisHost() throws Exception {
        assertTrue(!DirectorMetrics.reachableFromOtherHosts(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 9470)));
        assertTrue(!DirectorMetrics.reachableFromOtherHosts(new InetSocketAddress(InetAddress.getByName("::1"), 9470)));
        assertTrue(DirectorMetrics.reachableFromOtherHosts(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 9470)));
        assertTrue(DirectorMetrics.reachableFromOtherHosts(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 9470)));
    }

    @Test
    void scrapeShowsIpvsCountersHealthRoleAndReconcileSeries() throws Exception {
        ServiceKey web = ServiceKey.tcp(InetAddress.getByName("10.23.8.80"), 80);
        RealServer web1 = RealServer.builder(InetAddress.getByName("192.168.1.2"), 80).masquerade().weight(3).build();
        KernelSnapshot table = new KernelSnapshot(List.of(new KernelSnapshot.LiveService(
                new ServiceEntry(VirtualService.builder(web).scheduler(Scheduler.WLC).build(), new Stats(42, 10, 9, 1000, 2000, 0, 0, 0, 0, 0)),
                List.of(new RealServerEntry(web1, 5, 2, 0, new Stats(17, 0, 0, 300, 400, 0, 0, 0, 0, 0))))));
        ReconcileStats stats = new ReconcileStats();
        stats.reconciled(0.25, 0);
        stats.driftRepaired(2);
        stats.reloaded(false);
        HealthState down = new HealthState(HealthState.Status.DOWN, "refused", Duration.ofMillis(12), OptionalInt.empty());
        DirectorMetrics.View view = new DirectorMetrics.View(table,
                List.of(new DirectorMetrics.ServerHealth(new ServerRef(web, web1.key()), down)), Role.ACTIVE, 3, stats, "key-file");

        try (DirectorMetrics m = DirectorMetrics.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> view)) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.address().getPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            String text = r.body();
            for (String series : List.of(
                    "jlvs_service_connections_total{service=\"TCP 10.23.8.80:80\"} 42.0",
                    "jlvs_service_in_bytes_total{service=\"TCP 10.23.8.80:80\"} 1000.0",
                    "jlvs_real_server_connections_total{server=\"192.168.1.2:80\",service=\"TCP 10.23.8.80:80\"} 17.0",
                    "jlvs_real_server_active_connections{server=\"192.168.1.2:80\",service=\"TCP 10.23.8.80:80\"} 5.0",
                    "jlvs_real_server_weight{server=\"192.168.1.2:80\",service=\"TCP 10.23.8.80:80\"} 3.0",
                    "jlvs_health_up{server=\"192.168.1.2:80\",service=\"TCP 10.23.8.80:80\"} 0.0",
                    "jlvs_health_probe_latency_seconds{server=\"192.168.1.2:80\",service=\"TCP 10.23.8.80:80\"} 0.012",
                    "jlvs_role{role=\"ACTIVE\"} 1.0",
                    "jlvs_role{role=\"BACKUP\"} 0.0",
                    "jlvs_failovers_total 3.0",
                    "jlvs_heartbeat_authentication{mode=\"key-file\"} 1.0",
                    "jlvs_heartbeat_authentication{mode=\"insecure\"} 0.0",
                    "jlvs_reconcile_seconds_total 0.25",
                    "jlvs_drift_repairs_total 2.0",
                    "jlvs_reloads_total{result=\"rejected\"} 1.0")) {
                assertTrue(text.contains(series), series + " in:\n" + text);
            }
        }
    }
}
