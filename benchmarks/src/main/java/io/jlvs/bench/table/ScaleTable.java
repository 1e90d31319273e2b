package io.jlvs.bench.table;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

import io.jlvs.ipvs.Batch;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;

/**
 * The table the scale runs load: {@code services} TCP services 10.0.x.y:80 (wlc), each with
 * {@code realServersPerService} masqueraded real servers 172.16.x.y:8080 of weight 1, every address
 * distinct. The same rules come out as a jLVS {@link Batch}, as {@code ipvsadm -R} input and as a
 * keepalived configuration, so the peers load exactly the same thing.
 */
public record ScaleTable(int services, int realServersPerService) {
    static final int SERVICE_PORT = 80;
    static final int REAL_SERVER_PORT = 8080;
    static final int WEIGHT = 1;
    private static final int SERVICE_BASE = 0x0a00_0000;     // 10.0.0.0/16 holds 65,534 services
    private static final int REAL_SERVER_BASE = 0xac10_0000; // 172.16.0.0/12 holds a million real servers

    public ScaleTable {
        if (services < 1 || services > 65_000) {
            throw new IllegalArgumentException("services must be 1 to 65000, not " + services);
        }
        if (realServersPerService < 1 || (long) services * realServersPerService > 1_000_000) {
            throw new IllegalArgumentException("real servers per service must be at least 1 and at most a million in all, not "
                    + realServersPerService);
        }
    }

    /** Services plus real servers: the number of operations that load the table. */
    public int operations() {
        return services * (1 + realServersPerService);
    }

    public ServiceKey key(int service) {
        return ServiceKey.tcp(address(SERVICE_BASE + service + 1), SERVICE_PORT);
    }

    public VirtualService service(int service) {
        return VirtualService.builder(key(service)).scheduler(Scheduler.WLC).build();
    }

    public RealServer realServer(int service, int index, int weight) {
        return RealServer.builder(realServerAddress(service, index), REAL_SERVER_PORT).masquerade().weight(weight).build();
    }

    public RealServer realServer(int service, int index) {
        return realServer(service, index, WEIGHT);
    }

    public InetAddress realServerAddress(int service, int index) {
        return address(REAL_SERVER_BASE + service * realServersPerService + index + 1);
    }

    /** Every service followed by its real servers. */
    public Batch batch() {
        Batch.Builder b = Batch.builder();
        for (int s = 0; s < services; s++) {
            b.addService(service(s));
            for (int r = 0; r < realServersPerService; r++) {
                b.addRealServer(key(s), realServer(s, r));
            }
        }
        return b.build();
    }

    /** The same rules as {@code ipvsadm -R} reads them (and {@code ipvsadm -Sn} writes them). */
    public String ipvsadmRules() {
        StringBuilder text = new StringBuilder(operations() * 48);
        for (int s = 0; s < services; s++) {
            String vip = endpoint(key(s));
            text.append("-A -t ").append(vip).append(" -s wlc\n");
            for (int r = 0; r < realServersPerService; r++) {
                text.append("-a -t ").append(vip).append(" -r ").append(realServerAddress(s, r).getHostAddress())
                        .append(':').append(REAL_SERVER_PORT).append(" -m -w ").append(WEIGHT).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * The same rules as a keepalived configuration with no health checks (a real server without a
     * checker is taken as up), real server {@code (0, 0)} weighted {@code firstWeight}.
     */
    public String keepalivedConf(int firstWeight) {
        return keepalivedConf(firstWeight, "", "");
    }

    /**
     * {@link #keepalivedConf(int)} with {@code virtualLines} added to every virtual_server block and
     * {@code realServerLines} to every real_server block (each line ending in a newline), e.g. a delay_loop
     * and a TCP_CHECK.
     */
    public String keepalivedConf(int firstWeight, String virtualLines, String realServerLines) {
        StringBuilder text = new StringBuilder(operations() * 64);
        text.append("global_defs {\n  router_id jlvs_bench\n}\n");
        for (int s = 0; s < services; s++) {
            ServiceKey.Address key = (ServiceKey.Address) key(s);
            text.append("virtual_server ").append(key.address().getHostAddress()).append(' ').append(SERVICE_PORT).append(" {\n")
                    .append("  lb_algo wlc\n  lb_kind NAT\n  protocol TCP\n").append(virtualLines);
            for (int r = 0; r < realServersPerService; r++) {
                int weight = s == 0 && r == 0 ? firstWeight : WEIGHT;
                text.append("  real_server ").append(realServerAddress(s, r).getHostAddress()).append(' ')
                        .append(REAL_SERVER_PORT).append(" {\n    weight ").append(weight).append('\n')
                        .append(realServerLines).append("  }\n");
            }
            text.append("}\n");
        }
        return text.toString();
    }

    /**
     * The same rules as a Piranha {@code lvs.cf} for jlvsd's {@code io.jlvs.director.Director}: virtual
     * {@code vN}, servers {@code rN}, NAT, real server {@code (0, 0)} weighted {@code firstWeight}.
     * The VIP device is only named: the benchmark's director does not bring addresses up.
     */
    public String lvsCf(int firstWeight) {
        return lvsCf(firstWeight, "");
    }

    /** {@link #lvsCf(int)} with {@code virtualLines} (each ending in a newline) in every virtual block. */
    public String lvsCf(int firstWeight, String virtualLines) {
        StringBuilder text = new StringBuilder(operations() * 80);
        text.append("serial_no = 1\nnetwork = nat\nnat_router = 172.31.255.254 eth1:1\n");
        for (int s = 0; s < services; s++) {
            ServiceKey.Address key = (ServiceKey.Address) key(s);
            text.append("virtual v").append(s).append(" {\n    address = ").append(key.address().getHostAddress())
                    .append(" eth0:1\n    port = ").append(SERVICE_PORT).append("\n    protocol = tcp\n    scheduler = wlc\n")
                    .append(virtualLines);
            for (int r = 0; r < realServersPerService; r++) {
                int weight = s == 0 && r == 0 ? firstWeight : WEIGHT;
                text.append("    server r").append(r).append(" {\n        address = ")
                        .append(realServerAddress(s, r).getHostAddress()).append("\n        port = ")
                        .append(REAL_SERVER_PORT).append("\n        weight = ").append(weight).append("\n    }\n");
            }
            text.append("}\n");
        }
        return text.toString();
    }

    /** "10.0.0.1:80", as ipvsadm's -t takes it. */
    public static String endpoint(ServiceKey key) {
        ServiceKey.Address a = (ServiceKey.Address) key;
        return String.format(Locale.ROOT, "%s:%d", a.address().getHostAddress(), a.port());
    }

    private static InetAddress address(int v) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an IPv4 address", e);
        }
    }
}
