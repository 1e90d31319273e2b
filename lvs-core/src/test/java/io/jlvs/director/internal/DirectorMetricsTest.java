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
        ServiceKey mark = ServiceKey.fwmark(7, io.jlvs.ipvs.AddressFamily.INET);
        RealServer web1 = RealServer.builder(InetAddress.getByName("192.168.1.2"), 80).masquerade().weight(3).build();
        RealServer web2 = RealServer.builder(InetAddress.getByName("192.168.1.3"), 80).masquerade().weight(1).build();
        RealServer db1 = RealServer.builder(InetAddress.getByName("192.168.1.9"), 0).directRoute().weight(1).build();
        KernelSnapshot table = new KernelSnapshot(List.of(new KernelSnapshot.LiveService(
                new ServiceEntry(VirtualService.builder(web).scheduler(Scheduler.WLC).build(), new Stats(42, 10, 9, 1000, 2000, 0, 0, 0, 0, 0)),
                List.of(new RealServerEntry(web1, 5, 2, 0, new Stats(17, 0, 0, 300, 400, 0, 0, 0, 0, 0)),
                        new RealServerEntry(web2, 0, 0, 0, Stats.ZERO))),
                new KernelSnapshot.LiveService(
                        new ServiceEntry(VirtualService.builder(mark).scheduler(Scheduler.WLC).build(), new Stats(4, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                        List.of(new RealServerEntry(db1, 1, 0, 0, Stats.ZERO)))));
        ReconcileStats stats = new ReconcileStats();
        stats.reconciled(0.25, 0);
        stats.driftRepaired(2);
        stats.reloaded(false);
        HealthState down = new HealthState(HealthState.Status.DOWN, "refused", Duration.ofMillis(12), OptionalInt.empty());
        DirectorMetrics.Names names = new DirectorMetrics.Names(java.util.Map.of(web, "http", mark, "db"),
                java.util.Map.of(new ServerRef(web, web1.key()), "web1", new ServerRef(web, web2.key()), "web2"));
        DirectorMetrics.View view = new DirectorMetrics.View(table,
                List.of(new DirectorMetrics.ServerHealth(new ServerRef(web, web1.key()), down),
                        new DirectorMetrics.ServerHealth(new ServerRef(web, web2.key()), HealthState.UNKNOWN)),
                Role.ACTIVE, 3, stats, "key-file", names);

        try (DirectorMetrics m = DirectorMetrics.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> view)) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.address().getPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            String text = r.body();
            String http = "local_address=\"10.23.8.80\",local_mark=\"\",local_port=\"80\",proto=\"TCP\"";
            String web1Labels = "{" + http + ",remote_address=\"192.168.1.2\",remote_port=\"80\",server=\"web1\",virtual=\"http\"}";
            for (String series : List.of(
                    "jlvs_service_connections_total{" + http + ",virtual=\"http\"} 42.0",
                    "jlvs_service_in_bytes_total{" + http + ",virtual=\"http\"} 1000.0",
                    "jlvs_service_connections_total{local_address=\"\",local_mark=\"7\",local_port=\"0\",proto=\"FWM\",virtual=\"db\"} 4.0",
                    "jlvs_real_server_connections_total" + web1Labels + " 17.0",
                    "jlvs_real_server_active_connections" + web1Labels + " 5.0",
                    "jlvs_real_server_weight" + web1Labels + " 3.0",
                    "jlvs_real_server_weight{local_address=\"\",local_mark=\"7\",local_port=\"0\",proto=\"FWM\",remote_address=\"192.168.1.9\","
                            + "remote_port=\"0\",server=\"\",virtual=\"db\"} 1.0",
                    "jlvs_health_up" + web1Labels + " 0.0",
                    "jlvs_health_probe_latency_seconds" + web1Labels + " 0.012",
                    "jlvs_build_info{version=\"",
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
            // web2 has no verdict yet: no health series at all, rather than a sentinel value
            assertTrue(text.lines().noneMatch(l -> l.startsWith("jlvs_health") && l.contains("server=\"web2\"")), text);
            assertTrue(text.lines().noneMatch(l -> !l.startsWith("#") && l.endsWith(" -1.0")), text);
        }
    }
}
