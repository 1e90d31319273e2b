package io.jlvs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StatusHistoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Instant now = Instant.parse("2026-12-04T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private static JsonNode status(String... serversAndCps) throws Exception {
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < serversAndCps.length; i += 2) {
            servers.append(i == 0 ? "" : ",").append("{\"name\":\"").append(serversAndCps[i]).append("\",\"stats\":{\"cps\":")
                    .append(serversAndCps[i + 1]).append(",\"inPps\":10,\"outPps\":5,\"inBps\":1000,\"outBps\":200}}");
        }
        return JSON.readTree("{\"services\":[{\"name\":\"web\",\"servers\":[" + servers + "]}]}");
    }

    @Test
    void keepsAtMostItsCapacityPerServerOldestFirst() throws Exception {
        StatusHistory h = new StatusHistory(3, clock);
        for (int i = 1; i <= 5; i++) {
            h.record(status("rs1", Integer.toString(i)));
            now = now.plusSeconds(5);
        }
        JsonNode rs1 = h.json().path("servers").path(0);
        assertEquals("web rs1", rs1.path("service").asText() + " " + rs1.path("server").asText());
        assertEquals("[3,4,5]", rs1.path("cps").toString());
        assertEquals("[15,15,15]", rs1.path("pps").toString(), "packets in and out added");
        assertEquals("[1200,1200,1200]", rs1.path("bps").toString(), "bytes in and out added");
        long t0 = Instant.parse("2026-12-04T10:00:00Z").getEpochSecond();
        assertEquals("[" + (t0 + 10) + "," + (t0 + 15) + "," + (t0 + 20) + "]", rs1.path("time").toString());
        assertEquals(3, h.json().path("capacity").asInt());
    }

    @Test
    void aServerThatLeavesTheStatusLeavesTheHistory() throws Exception {
        StatusHistory h = new StatusHistory(10, clock);
        h.record(status("rs1", "1", "rs2", "2"));
        h.record(status("rs2", "3"));
        assertEquals(1, h.json().path("servers").size());
        assertEquals("[2,3]", h.json().path("servers").path(0).path("cps").toString());
        h.record(status("rs1", "4"));
        assertEquals("[4]", h.json().path("servers").path(0).path("cps").toString(), "back with a new history");
    }

    @Test
    void aHistoryHoldsAtLeastOneSample() {
        assertThrows(IllegalArgumentException.class, () -> new StatusHistory(0, clock));
    }
}
