package io.jlvs.examples;

import io.jlvs.director.DesiredTable;
import io.jlvs.director.LiveTable;
import io.jlvs.director.Plan;
import io.jlvs.director.PlanStep;
import io.jlvs.director.ReconcileResult;
import io.jlvs.director.Reconciler;
import io.jlvs.director.TableService;
import io.jlvs.ipvs.InMemoryIpvs;
import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Desired-state sync with {@link Reconciler}: the table is written down (here a few lines of text,
 * from a file or built in), the reconciler reads the live table, plans the difference and applies it
 * in one batch. A second sync plans nothing; after someone edits the table by hand (ipvsadm), the
 * next sync puts it back and reports those steps as drift.
 *
 * <p>A reconciler manages the whole IPVS table of its namespace: services it was not told about are
 * deleted. Against a kernel, run it in a namespace of its own ({@code ip netns exec}).
 *
 * <pre>
 * java ... io.jlvs.examples.ReconcilerSync --in-memory               # no kernel: the in-memory model
 * ip netns exec scratch java ... io.jlvs.examples.ReconcilerSync     # the kernel of that namespace (root)
 * java ... io.jlvs.examples.ReconcilerSync services.txt --in-memory  # the table from a file
 * java ... io.jlvs.examples.ReconcilerSync services.txt --plan       # what a sync would change; changes nothing
 * </pre>
 *
 * A line of the file is one service: {@code PROTOCOL VIP:PORT SCHEDULER REAL:PORT[*WEIGHT]...}, real
 * servers behind NAT; {@code #} starts a comment.
 */
public final class ReconcilerSync {
    /** The table {@link #main} syncs when no file is given. */
    public static final List<String> EXAMPLE = List.of(
            "tcp 10.23.8.80:80 wlc 192.168.1.2:8080*3 192.168.1.3:8080",
            "udp 10.23.8.53:53 rr 192.168.1.2:53 192.168.1.3:53");

    private ReconcilerSync() {
    }

    /** The desired table the lines describe, in their order. */
    public static DesiredTable desired(List<String> lines) {
        List<TableService> services = new ArrayList<>();
        for (String line : lines) {
            String text = line.replaceFirst("#.*", "").strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] words = text.split("\\s+");
            if (words.length < 3) {
                throw new IllegalArgumentException("want PROTOCOL VIP:PORT SCHEDULER REAL:PORT[*WEIGHT]..., got: " + line);
            }
            Protocol protocol = Protocol.valueOf(words[0].toUpperCase(Locale.ROOT));
            ServiceKey key = new ServiceKey.Address(protocol, host(words[1]), port(words[1]));
            List<RealServer> servers = new ArrayList<>();
            for (int i = 3; i < words.length; i++) {
                String[] endpoint = words[i].split("\\*", 2);
                servers.add(RealServer.builder(host(endpoint[0]), port(endpoint[0])).masquerade()
                        .weight(endpoint.length > 1 ? Integer.parseInt(endpoint[1]) : 1).build());
            }
            services.add(TableService.of(VirtualService.builder(key).scheduler(Scheduler.of(words[2])).build(), servers));
        }
        return DesiredTable.of(services);
    }

    /**
     * What a sync would change now, without changing anything: the live table read once, then the
     * pure {@link Reconciler#plan(DesiredTable, LiveTable)}.
     */
    public static Plan preview(IpvsClient ipvs, DesiredTable desired) {
        return Reconciler.plan(desired, LiveTable.read(ipvs));
    }

    /** Reads, plans and applies in one batch; prints the plan (marking the steps that repair drift) and the outcome. */
    public static ReconcileResult sync(Reconciler reconciler, DesiredTable desired, PrintStream out) {
        ReconcileResult result = reconciler.reconcile(desired);
        for (PlanStep step : result.plan().steps()) {
            out.println("  " + step.describe() + (result.drift().contains(step) ? "   (drift: changed by someone else)" : ""));
        }
        out.println("  => " + result);
        return result;
    }

    /**
     * The whole story on one table: the first sync programs it, the second finds nothing to do, a
     * hand edit (a weight changed, a stray service added, as ipvsadm would) is undone by the third.
     */
    public static List<ReconcileResult> demonstrate(IpvsClient ipvs, DesiredTable desired, PrintStream out) {
        Reconciler reconciler = new Reconciler(ipvs);
        List<ReconcileResult> results = new ArrayList<>();
        out.println("sync:");
        results.add(sync(reconciler, desired, out));
        out.println("sync again:");
        results.add(sync(reconciler, desired, out));

        TableService first = desired.services().values().iterator().next();
        RealServer server = first.realServers().values().iterator().next();
        ipvs.editRealServer(first.key(), server.withWeight(server.weight() + 7));   // ipvsadm -e ... -w
        ipvs.addService(VirtualService.builder(ServiceKey.tcp(address("10.23.8.99"), 8080)).build()); // ipvsadm -A
        out.println("someone changed the table by hand; sync:");
        results.add(sync(reconciler, desired, out));
        return results;
    }

    public static void main(String[] args) throws IOException {
        List<String> options = List.of(args).stream().filter(a -> a.startsWith("--")).toList();
        List<String> files = List.of(args).stream().filter(a -> !a.startsWith("--")).toList();
        DesiredTable desired = desired(files.isEmpty() ? EXAMPLE : Files.readAllLines(Path.of(files.get(0))));
        try (IpvsClient ipvs = options.contains("--in-memory") ? new InMemoryIpvs().open() : IpvsClient.open()) {
            if (options.contains("--plan")) {
                System.out.println(preview(ipvs, desired));
            } else {
                demonstrate(ipvs, desired, System.out);
            }
        }
    }

    private static InetAddress host(String endpoint) {
        return address(endpoint.substring(0, endpoint.lastIndexOf(':')).replaceAll("^\\[|]$", ""));
    }

    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    private static InetAddress address(String literal) {
        if (!literal.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("not an IP address: " + literal); // getByName would ask DNS
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }
}
