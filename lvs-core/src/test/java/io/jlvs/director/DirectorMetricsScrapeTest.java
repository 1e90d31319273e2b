package io.jlvs.director;

import static io.jlvs.director.Fixtures.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.director.internal.Role;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A metrics scrape serves what the director's own loop read last; it never reads the kernel itself. */
class DirectorMetricsScrapeTest {

    @Test
    void scrapesShowTheLastReadTableWithoutReadingTheKernel() throws Exception {
        MemoryKernel k = new MemoryKernel();
        DirectorSettings settings = Fixtures.settings().metrics(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build();
        try (Director d = Director.start(settings, Fixtures.parts(new Fixtures.ScriptedLoader(web(3)), k, Role.ACTIVE));
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            d.awaitIdle();
            d.reconcile("drift check"); // the director's loop reads the table (with the service in it)
            int reads = k.reads;
            URI uri = URI.create("http://" + d.metricsAddress().orElseThrow().getHostString() + ":"
                    + d.metricsAddress().orElseThrow().getPort() + "/metrics");
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode());
                // the lvs.cf names come from the director's configuration
                assertTrue(r.body().contains("jlvs_service_connections_total{local_address=\"10.23.8.80\",local_mark=\"\","
                        + "local_port=\"80\",proto=\"TCP\",virtual=\"http\"} 7.0"), r.body());
                assertTrue(r.body().contains("server=\"web1\",virtual=\"http\"} 3.0"), r.body());
            }
            assertEquals(reads, k.reads, "no scrape read the kernel");
        }
    }
}
