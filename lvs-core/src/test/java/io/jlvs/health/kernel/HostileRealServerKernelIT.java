package io.jlvs.health.kernel;

import static io.jlvs.testing.Inet.ip;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.health.ConnectOptions;
import io.jlvs.health.FailureAction;
import io.jlvs.health.HealthMonitor;
import io.jlvs.health.HealthPolicy;
import io.jlvs.health.IpvsActuator;
import io.jlvs.health.ProtocolCheck;
import io.jlvs.health.WatchedServer;
import io.jlvs.health.WatchedService;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.testing.KernelNamespace;
import io.jlvs.testing.KernelTest;
import io.jlvs.testing.Poll;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, in the guest: a real server behind an SMTP-checked service that greets with "220 " and
 * then never ends the line (which once made the director log "still running after its timeout"
 * many times a second and die of OutOfMemoryError within two minutes) is quiesced like any dead
 * server, probing goes on, a well-behaved neighbour keeps its weight, and the heap stays flat.
 * {@code ipvsadm -Sn} is the witness of the table; all loops and waits are bounded.
 */
@KernelTest
class HostileRealServerKernelIT {
    static final ServiceKey VIP = ServiceKey.tcp(ip("10.10.10.25"), 25);
    static final int PORT = 2525;
    static final RealServer GOOD = RealServer.builder(ip("127.0.0.2"), PORT).masquerade().weight(5).build();
    static final RealServer ENDLESS = RealServer.builder(ip("127.0.0.3"), PORT).masquerade().weight(7).build();
    static final Duration WAIT = Duration.ofSeconds(120);
    /** Heap growth allowed over the hostile probes: far below what reading the endless line unbounded takes. */
    static final long HEAP_SLACK = 48L << 20;

    static String rule(RealServer rs, int weight) {
        return "-a -t 10.10.10.25:25 -r " + rs.address().getHostAddress() + ":" + PORT + " -m -w " + weight;
    }

    /** A server socket made inside the namespace; {@code serve} runs for each connection on its own thread. */
    interface Conversation {
        void run(Socket s) throws IOException;
    }

    static ServerSocket listen(KernelNamespace ns, InetAddress address, Conversation serve, AtomicInteger accepted) {
        ServerSocket server = ns.inside(() -> {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(address, PORT));
            return s;
        });
        Thread.ofPlatform().daemon().name("server-" + address.getHostAddress()).start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.incrementAndGet();
                    Thread.ofPlatform().daemon().start(() -> {
                        try (s) {
                            serve.run(s);
                        } catch (IOException e) {
                            // the prober closed its end: this conversation is over
                        }
                    });
                } catch (IOException e) {
                    return;   // closed by the test
                }
            }
        });
        return server;
    }

    /** A mail server that answers as RFC 5321 asks: greeting, 250 to anything, 221 to QUIT. */
    static void goodSmtp(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        out.write("220 good.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int lines = 0; lines < 20; lines++) {
            String line = in.readLine();
            if (line == null) {
                return;
            }
            boolean quit = line.toUpperCase().startsWith("QUIT");
            out.write((quit ? "221 bye\r\n" : "250 good.test\r\n").getBytes(StandardCharsets.US_ASCII));
            if (quit) {
                return;
            }
        }
    }

    /** "220 " and then a line that never ends, until the prober hangs up. */
    static void endlessGreeting(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write("220 ".getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = "x".repeat(16384).getBytes(StandardCharsets.US_ASCII);
        while (true) {   // ends when the prober closes: the write fails
            out.write(chunk);
        }
    }

    static long heapAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            memory.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    void anEndlessSmtpGreetingIsQuiescedProbingGoesOnAndTheHeapStaysFlat(KernelNamespace ns) throws Exception {
        ns.ipvs().addService(VirtualService.builder(VIP).scheduler(Scheduler.WRR).build());
        ns.ipvs().addRealServer(VIP, GOOD);
        ns.ipvs().addRealServer(VIP, ENDLESS);
        AtomicInteger goodProbes = new AtomicInteger();
        AtomicInteger endlessProbes = new AtomicInteger();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = heapAfterGc(memory);
        try (ServerSocket good = listen(ns, GOOD.address(), HostileRealServerKernelIT::goodSmtp, goodProbes);
                ServerSocket endless = listen(ns, ENDLESS.address(), HostileRealServerKernelIT::endlessGreeting, endlessProbes)) {
            InNamespace smtp = new InNamespace(ns, ProtocolCheck.of(ProtocolCheck.Application.SMTP)
                    .withOptions(ConnectOptions.of(Duration.ofSeconds(2))));
            HealthPolicy policy = HealthPolicy.builder().interval(Duration.ofMillis(300)).rise(1).fall(2)
                    .onFailure(FailureAction.QUIESCE).build();
            try (HealthMonitor monitor = HealthMonitor.builder(new IpvsActuator(ns.openClient()))
                    .watch(new WatchedService(VirtualService.builder(VIP).scheduler(Scheduler.WRR).build(),
                            List.of(WatchedServer.of(GOOD, smtp), WatchedServer.of(ENDLESS, smtp)), policy))
                    .build()) {
                monitor.start();
                Poll.until(WAIT, "the endless server quiesced", ns::ipvsadmSave, r -> r.contains(rule(ENDLESS, 0)));
                // Probing goes on: many more conversations with both, each ended by the director.
                int endlessSoFar = endlessProbes.get();
                int goodSoFar = goodProbes.get();
                Poll.until(WAIT, "20 more probes of the endless server", endlessProbes::get, n -> n >= endlessSoFar + 20);
                assertTrue(goodProbes.get() > goodSoFar, "the good server is still probed: " + goodProbes);
                List<String> rules = ns.ipvsadmSave();
                assertTrue(rules.contains(rule(GOOD, 5)), "the good server keeps its weight: " + rules);
                assertTrue(rules.contains(rule(ENDLESS, 0)), "the endless server stays quiesced: " + rules);
                long grown = heapAfterGc(memory) - heapBefore;
                assertTrue(grown < HEAP_SLACK, "heap grew by " + (grown >> 20) + " MiB over "
                        + endlessProbes.get() + " endless conversations");
            }
        }
    }
}
