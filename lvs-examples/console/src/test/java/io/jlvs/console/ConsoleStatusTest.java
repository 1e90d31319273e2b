package io.jlvs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jlvs.ipvs.Stats;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The status page and its live data: this director in its pair, the peer and its paths, rates and their history. */
class ConsoleStatusTest extends ConsoleTest {

    @Test
    void thePageShowsThisDirectorItsAddressesThePeerAndEachPath() throws Exception {
        String page = console.get("/", console.session("victor")).body();
        for (String expected : new String[] {
            "node <span id=\"node\">primary</span>",
            "election <span id=\"election\">ACTIVE: peer 2 &lt;i&gt;dead&lt;/i&gt; on all paths, 12 s ago</span>",
            "<span id=\"priority\">priority 100, preempt</span>",
            "<span id=\"heartbeats\">sent 120, accepted 118, rejected 2</span>",
            "<tr data-address=\"10.23.8.80/24\"><td>10.23.8.80/24</td><td>eth0:1</td><td>VIP</td><td class=\"on-host held\">held</td></tr>",
            "<tr data-address=\"10.11.12.1/24\"><td>10.11.12.1/24</td><td>eth1:1</td><td>NAT router</td><td class=\"on-host not-held\">not held</td></tr>",
            "backup: <strong class=\"state\">DEGRADED</strong> &middot; role <span class=\"peer-role\">BACKUP</span> &middot; priority"
                    + " <span class=\"peer-priority\">50</span> &middot; last heartbeat <span class=\"last-heard\">0.4 s ago</span>",
            "<tr data-path=\"public\"><td>public</td><td>10.0.0.1</td><td>10.0.0.2</td><td class=\"path-state up\">up</td>"
                    + "<td class=\"last-heard\">0.4 s ago</td></tr>",
            "<tr data-path=\"private\"><td>private</td><td>192.168.9.1</td><td>192.168.9.2</td><td class=\"path-state down\">down</td>"
                    + "<td class=\"last-heard\">95 s ago</td></tr>"}) {
            assertTrue(page.contains(expected), expected + "\n--- not in ---\n" + page);
        }
    }

    @Test
    void eachRealServerShowsTheKernelsRatesWithAChartPerRate() throws Exception {
        String page = console.get("/", console.session("victor")).body();
        assertTrue(page.contains("<td class=\"cps\">12</td><td class=\"pps\">340 / 300</td><td class=\"bps\">45kB / 1.2MB</td>"), page);
        assertEquals(2 * StatusPage.SERIES.size(), page.split("<svg class=\"spark ", -1).length - 1, "three charts per server");
    }

    @Test
    void theLiveDataCarriesStatusFailoverRatesAndTheRingOfSamples() throws Exception {
        String cookie = console.session("victor");
        ObjectMapper json = new ObjectMapper();
        JsonNode live = json.readTree(console.get("/api/live", cookie).body());
        assertEquals("ACTIVE", live.at("/status/role").asText());
        assertEquals("down", live.at("/failover/peers/0/paths/1/state").asText(), live.toString());
        assertEquals("held", live.at("/failover/addresses/0/held").asText());
        assertEquals("{\"service\":\"web\",\"server\":\"rs1\",\"cps\":\"12\",\"pps\":\"340 / 300\",\"bps\":\"45kB / 1.2MB\"}",
                live.at("/rates/0").toString());
        JsonNode first = Wait.until(Duration.ofSeconds(10), "a first sample", Wait.unchecked(() -> json.readTree(
                console.get("/api/live", cookie).body()).at("/history/servers/0")), h -> h.path("cps").size() >= 1);
        assertEquals(12, first.path("cps").path(0).asLong());
        assertEquals(640, first.path("pps").path(0).asLong());
        assertEquals(1_245_000, first.path("bps").path(0).asLong());

        console.director.rs1Stats = new Stats(0, 0, 0, 0, 0, 99, 0, 0, 0, 0);
        JsonNode later = Wait.until(StatusHistory.INTERVAL.multipliedBy(3), "the next sample", Wait.unchecked(() -> json.readTree(
                console.get("/api/live", cookie).body()).at("/history/servers/0/cps")), c -> c.size() >= 2);
        assertEquals(99, later.path(later.size() - 1).asLong(), later.toString());
        assertEquals(StatusHistory.INTERVAL.toSeconds(), json.readTree(console.get("/api/live", cookie).body())
                .at("/history/intervalSeconds").asLong());
    }

    @Test
    void theLiveDataNeedsASession() throws Exception {
        HttpResponse<String> r = console.get("/api/live", null);
        assertEquals(401, r.statusCode());
    }
}
