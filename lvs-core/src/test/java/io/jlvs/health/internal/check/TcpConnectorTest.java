package io.jlvs.health.internal.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.health.ConnectOptions;
import io.jlvs.health.HealthClock;
import io.jlvs.health.ProbeResult;
import io.jlvs.health.TcpConnectCheck;
import io.jlvs.health.internal.check.testing.FullBacklogServer;
import io.jlvs.health.internal.check.testing.TcpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TcpConnectorTest {
    private static final ConnectOptions OPTIONS = ConnectOptions.of(Duration.ofMillis(300));

    private record Told(Instant started, ProbeResult result) {
    }

    /** One probe through a fresh connector, waited for. */
    private static Told probe(InetSocketAddress target, ConnectOptions options) throws Exception {
        LinkedBlockingQueue<Told> told = new LinkedBlockingQueue<>();
        try (TcpConnector connector = new TcpConnector(HealthClock.system(), "test-tcp", 2, e -> { })) {
            connector.connect(target, options, (started, result) -> told.add(new Told(started, result)));
            connector.flush();
            Told t = told.poll(10, TimeUnit.SECONDS);
            assertNotNull(t, "no outcome for " + target);
            assertEquals(null, told.poll(options.connectTimeout().toMillis() + 200, TimeUnit.MILLISECONDS),
                    "a probe is told once");
            return t;
        }
    }

    @Test
    void upWhenTheServerAccepts() throws Exception {
        try (TcpServer server = TcpServer.start(socket -> {})) {
            Told t = probe(server.address(), OPTIONS);
            assertTrue(t.result().up(), t.result().reason());
            assertEquals("connected", t.result().reason());
            assertNotNull(t.started());
        }
    }

    @Test
    void refusedAsTheBlockingCheckSaysIt() throws Exception {
        InetSocketAddress target = TcpServer.refusingAddress();
        Told t = probe(target, OPTIONS);
        assertFalse(t.result().up());
        assertEquals("connection refused", t.result().reason());
        assertEquals(new TcpConnectCheck(OPTIONS).probe(target).reason(), t.result().reason());
    }

    @Test
    void timesOutWhenSynsAreDropped() throws Exception {
        try (FullBacklogServer full = new FullBacklogServer()) {
            long t0 = System.nanoTime();
            Told t = probe(full.address(), OPTIONS);
            assertFalse(t.result().up());
            assertEquals("connect timed out after 300ms", t.result().reason());
            assertEquals(new TcpConnectCheck(OPTIONS).probe(full.address()).reason(), t.result().reason());
            assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(300).toNanos(), "waited the whole timeout");
            assertTrue(t.result().latency().compareTo(Duration.ofMillis(290)) >= 0, t.result().latency().toString());
        }
    }

    @Test
    void eachProbeTimesOutAfterItsOwnTimeoutWhateverTheOrder() throws Exception {
        LinkedBlockingQueue<String> told = new LinkedBlockingQueue<>();
        try (FullBacklogServer full = new FullBacklogServer();
                TcpConnector connector = new TcpConnector(HealthClock.system(), "test-tcp", 1, e -> { })) {
            long t0 = System.nanoTime();
            connector.connect(full.address(), ConnectOptions.of(Duration.ofMillis(700)), (s, r) -> told.add(r.reason()));
            connector.connect(full.address(), ConnectOptions.of(Duration.ofMillis(200)), (s, r) -> told.add(r.reason()));
            connector.flush();
            assertEquals("connect timed out after 200ms", told.poll(5, TimeUnit.SECONDS));
            long first = System.nanoTime() - t0;
            assertTrue(first < Duration.ofMillis(600).toNanos(), "the shorter timeout waits for nobody: " + first / 1_000_000 + " ms");
            assertEquals("connect timed out after 700ms", told.poll(5, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(700).toNanos());
        }
    }

    @Test
    void anUnusableSourceAddressIsDownWithTheReason() throws Exception {
        ConnectOptions options = OPTIONS.withSource(InetAddress.getByName("192.0.2.77"));
        try (TcpServer server = TcpServer.start(socket -> {})) {
            Told t = probe(server.address(), options);
            assertFalse(t.result().up());
            assertTrue(t.result().reason().contains("cannot bind source address 192.0.2.77"), t.result().reason());
        }
    }

    @Test
    void bindsTheSourceAddress() throws Exception {
        InetAddress source = InetAddress.getByName("127.0.0.2");
        try (TcpServer server = TcpServer.start(socket -> {})) {
            Told t = probe(server.address(), OPTIONS.withSource(source));
            assertTrue(t.result().up(), t.result().reason());
            assertEquals(List.of(source), server.awaitPeers(1));
        }
    }

    @Test
    void manyAtOnceAreEachToldOnceWithTheirOwnVerdict() throws Exception {
        int n = 300;
        Map<Integer, AtomicInteger> counts = new ConcurrentHashMap<>();
        Map<Integer, Boolean> up = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(n);
        try (TcpServer server = TcpServer.start(socket -> {});
                TcpConnector connector = new TcpConnector(HealthClock.system(), "test-tcp", 2, e -> { })) {
            List<InetSocketAddress> targets = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // every third one refuses; distinct targets all the same
                targets.add(i % 3 == 0 ? TcpServer.refusingAddress()
                        : new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), server.address().getPort()));
            }
            for (int i = 0; i < n; i++) {
                InetSocketAddress target = targets.get(i);
                int index = i;
                // 200 connects at once overflow the test server's accept queue (50) on a loaded machine: a
                // dropped SYN is sent again after 1 s, so the deadline leaves room for that (not timing here).
                connector.connect(target, ConnectOptions.of(Duration.ofSeconds(10)), (started, result) -> {
                    counts.computeIfAbsent(index, k -> new AtomicInteger()).incrementAndGet();
                    up.put(index, result.up());
                    all.countDown();
                });
                if (i % 50 == 0) {
                    connector.flush();
                }
            }
            connector.flush();
            assertTrue(all.await(40, TimeUnit.SECONDS), "outcomes left: " + all.getCount());
            Thread.sleep(400);
            for (int i = 0; i < n; i++) {
                assertEquals(1, counts.get(i).get(), "probe " + i + " told once");
                assertEquals(i % 3 != 0, up.get(i), "probe " + i);
            }
        }
    }

    @Test
    void closingDropsProbesUnderWayWithoutAnOutcome() throws Exception {
        AtomicInteger told = new AtomicInteger();
        try (FullBacklogServer full = new FullBacklogServer()) {
            TcpConnector connector = new TcpConnector(HealthClock.system(), "test-tcp", 1, e -> { });
            connector.connect(full.address(), ConnectOptions.of(Duration.ofMillis(500)), (s, r) -> told.incrementAndGet());
            connector.flush();
            Thread.sleep(100);
            connector.close();
            Thread.sleep(700);
            assertEquals(0, told.get());
        }
    }
}
