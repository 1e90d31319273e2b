package io.jlvs.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jlvs.director.ControlClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last minutes of each real server's rates for the status page's charts: the console asks jlvsd's
 * {@code status} every {@link #INTERVAL} and keeps, per real server, a ring of at most {@link #SAMPLES}
 * samples of the kernel's rate estimates (connections/s, packets/s and bytes/s, in and out added).
 * A server that leaves the configuration leaves the history, so its size is bounded by the
 * configuration's. Sampling runs whether or not a page is open, so a page opened now has the last
 * minutes at once.
 */
final class StatusHistory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusHistory.class);
    static final Duration INTERVAL = Duration.ofSeconds(5);
    /** Ten minutes at the interval. */
    static final int SAMPLES = 120;

    /** One sample: when (epoch seconds) and the three rates. */
    record Sample(long time, long cps, long pps, long bps) {
    }

    private final int capacity;
    private final Clock clock;
    private final Map<String, ArrayDeque<Sample>> rings = new LinkedHashMap<>();
    private ScheduledExecutorService timer;
    private boolean failing;

    StatusHistory(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a history keeps at least one sample, not " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Samples jlvsd's status through {@code control} every {@link #INTERVAL}, from now on. */
    void start(ControlClient control) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("jlvs-console-history").daemon(true).factory());
        timer.scheduleWithFixedDelay(() -> sample(control), 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sample(ControlClient control) {
        try {
            record(control.call(control.request("status")));
            if (failing) {
                LOG.info("jlvsd answers status again: rate history resumed");
                failing = false;
            }
        } catch (ControlClient.ControlException | RuntimeException e) {
            if (!failing) {   // once per outage, not every few seconds
                LOG.warn("cannot sample jlvsd's status for the rate history: {}", e.getMessage());
                failing = true;
            }
        }
    }

    /** Adds one sample per real server in {@code status}; forgets servers it no longer has. */
    synchronized void record(JsonNode status) {
        long now = clock.instant().getEpochSecond();
        Map<String, ArrayDeque<Sample>> next = new LinkedHashMap<>();
        for (JsonNode s : status.path("services")) {
            for (JsonNode r : s.path("servers")) {
                String key = key(s.path("name").asText(), r.path("name").asText());
                ArrayDeque<Sample> ring = rings.containsKey(key) ? rings.get(key) : new ArrayDeque<>(capacity);
                JsonNode st = r.path("stats");
                ring.addLast(new Sample(now, st.path("cps").asLong(), st.path("inPps").asLong() + st.path("outPps").asLong(),
                        st.path("inBps").asLong() + st.path("outBps").asLong()));
                while (ring.size() > capacity) {
                    ring.removeFirst();
                }
                next.put(key, ring);
            }
        }
        rings.clear();
        rings.putAll(next);
    }

    /**
     * The history as the page's script reads it: {@code {"intervalSeconds":5,"servers":[{"service":..,
     * "server":..,"time":[..],"cps":[..],"pps":[..],"bps":[..]}]}}, oldest sample first.
     */
    synchronized ObjectNode json() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode().put("intervalSeconds", INTERVAL.toSeconds()).put("capacity", capacity);
        ArrayNode servers = out.putArray("servers");
        rings.forEach((key, ring) -> {
            String[] names = key.split("\u0000", 2);
            ObjectNode s = servers.addObject().put("service", names[0]).put("server", names[1]);
            ArrayNode time = s.putArray("time");
            ArrayNode cps = s.putArray("cps");
            ArrayNode pps = s.putArray("pps");
            ArrayNode bps = s.putArray("bps");
            for (Sample x : ring) {
                time.add(x.time());
                cps.add(x.cps());
                pps.add(x.pps());
                bps.add(x.bps());
            }
        });
        return out;
    }

    private static String key(String service, String server) {
        return service + "\u0000" + server;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
