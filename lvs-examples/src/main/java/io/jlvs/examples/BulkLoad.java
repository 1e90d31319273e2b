package io.jlvs.examples;

import io.jlvs.ipvs.Batch;
import io.jlvs.ipvs.BatchResult;
import io.jlvs.ipvs.InMemoryIpvs;
import io.jlvs.ipvs.Ipvs;
import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A bulk load with one {@link Batch}: SERVICES virtual services on 10.100.x.y:80, each with SERVERS
 * real servers behind NAT, sent in as few netlink datagrams as fit, every operation answered (applied,
 * failed with its typed reason, or not sent). Takes the {@link Ipvs} interface, so its test
 * (BulkLoadTest) runs it against {@link InMemoryIpvs} on any machine.
 *
 * <pre>
 * java ... io.jlvs.examples.BulkLoad 1000 5             # the kernel of this namespace (root)
 * java ... io.jlvs.examples.BulkLoad 1000 5 --in-memory # no kernel: the in-memory model
 * </pre>
 */
public final class BulkLoad {
    private BulkLoad() {
    }

    /** The batch that adds {@code services} services with {@code serversEach} real servers each. */
    public static Batch batch(int services, int serversEach) {
        Batch.Builder b = Batch.builder();
        for (int s = 0; s < services; s++) {
            ServiceKey vip = ServiceKey.tcp(address(10, 100, s / 250, 1 + s % 250), 80);
            b.addService(VirtualService.builder(vip).scheduler(Scheduler.WLC).build());
            for (int r = 0; r < serversEach; r++) {
                b.addRealServer(vip, RealServer.builder(address(192, 168, r / 250, 1 + r % 250), 8080).masquerade().build());
            }
        }
        return b.build();
    }

    /** Applies the batch, going on past failures; the result says what became of each operation. */
    public static BatchResult load(Ipvs ipvs, int services, int serversEach) {
        return ipvs.apply(batch(services, serversEach));
    }

    public static void main(String[] args) {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int servers = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean inMemory = args.length > 2 && args[2].equals("--in-memory");
        try (Ipvs ipvs = inMemory ? new InMemoryIpvs().open() : IpvsClient.open()) {
            long t0 = System.nanoTime();
            BatchResult result = load(ipvs, services, servers);
            long applied = result.results().stream().filter(r -> r.status() == BatchResult.Status.APPLIED).count();
            System.out.printf("%d of %d operations applied in %.1f ms%n", applied, result.results().size(),
                    (System.nanoTime() - t0) / 1e6);
            result.results().stream().filter(r -> r.status() != BatchResult.Status.APPLIED).limit(5)
                    .forEach(r -> System.out.println("  " + r.status() + ": " + r.error().map(Throwable::getMessage).orElse("-")));
        }
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
