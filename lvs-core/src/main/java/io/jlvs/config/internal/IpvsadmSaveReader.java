package io.jlvs.config.internal;

import io.jlvs.config.NetworkMode;
import io.jlvs.config.RealServerConfig;
import io.jlvs.config.VirtualServerConfig;
import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.TunnelFlag;
import io.jlvs.ipvs.TunnelOptions;
import io.jlvs.ipvs.TunnelType;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code ipvsadm-save} / {@code ipvsadm -Sn} rules: {@code -A} (add service) and {@code -a}
 * (add real server) lines with their short or long options. Scheduler flags, one-packet scheduling,
 * thresholds and tunnel options carry over; persistence engines, which lvs.cf cannot express, are
 * reported as warnings naming the option and line; anything else unknown is an error.
 */
public final class IpvsadmSaveReader {
    private final Problems problems;
    private final Map<String, ImportDraft> services = new LinkedHashMap<>();

    public IpvsadmSaveReader(Problems problems) {
        this.problems = problems;
    }

    public ImportDraft.Imported read(String text) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                rule(new Words(line.split("\\s+"), i + 1));
            } catch (IllegalArgumentException e) {
                problems.error(i + 1, "", e.getMessage());
            }
        }
        return ImportDraft.buildAll(services.values(), problems);
    }

    /** The words of one rule and the line they came from. */
    private static final class Words {
        final String[] words;
        final int line;
        int next;

        Words(String[] words, int line) {
            this.words = words;
            this.line = line;
        }

        boolean hasNext() {
            return next < words.length;
        }

        String take() {
            return words[next++];
        }

        String value(String option) {
            if (!hasNext()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return take();
        }

        boolean nextIsNumber() {
            return hasNext() && words[next].matches("\\d+");
        }
    }

    private void rule(Words w) {
        String command = w.take();
        switch (command) {
            case "-A", "--add-service" -> service(w);
            case "-a", "--add-server" -> realServer(w);
            default -> throw new IllegalArgumentException("'" + command + "' is not a rule ipvsadm-save writes "
                    + "(expected -A or -a)");
        }
    }

    private record Key(String text, ImportDraft draft) {}

    /** The service option (-t/-u/--sctp-service/-f) at the current word, read into a fresh draft. */
    private Key serviceKey(Words w, String option) {
        ImportDraft d = new ImportDraft(w.line);
        String value = w.value(option);
        switch (option) {
            case "-t", "--tcp-service" -> endpoint(d, value, Protocol.TCP);
            case "-u", "--udp-service" -> endpoint(d, value, Protocol.UDP);
            case "--sctp-service" -> endpoint(d, value, Protocol.SCTP);
            case "-f", "--fwmark-service" -> d.fwmark = Values.integer(value, 1L, 0xFFFF_FFFFL);
            default -> throw new AssertionError(option);
        }
        return new Key(option.startsWith("-f") || option.equals("--fwmark-service") ? "fwm " + d.fwmark
                : d.protocol + " " + value, d);
    }

    private static boolean isServiceOption(String word) {
        return List.of("-t", "--tcp-service", "-u", "--udp-service", "--sctp-service", "-f", "--fwmark-service")
                .contains(word);
    }

    private static void endpoint(ImportDraft d, String value, Protocol protocol) {
        int colon = value.lastIndexOf(':');
        if (colon < 0 || (value.startsWith("[") && !value.substring(0, colon).endsWith("]"))) {
            throw new IllegalArgumentException("'" + value + "' is not ADDRESS:PORT");
        }
        d.protocol = protocol;
        d.address = Values.address(value.substring(0, colon));
        d.port = Values.integer(value.substring(colon + 1), 0, 65535);
    }

    private void service(Words w) {
        Key key = null;
        ImportDraft d = null;
        boolean ipv6Mark = false;
        while (w.hasNext()) {
            String option = w.take();
            if (isServiceOption(option)) {
                key = serviceKey(w, option);
                d = key.draft();
                continue;
            }
            if (d == null) {
                throw new IllegalArgumentException("the service (-t, -u or -f) must come first, got '" + option + "'");
            }
            switch (option) {
                case "-s", "--scheduler" -> d.scheduler = Scheduler.of(w.value(option));
                case "-p", "--persistent" -> d.persistent = Duration.ofSeconds(
                        w.nextIsNumber() ? Values.integer(w.take(), 1L, 0xFFFF_FFFFL) : 300);
                case "-M", "--netmask" -> d.pmask = LvsCfKeys.netmaskAnyFamily(w.value(option));
                case "-6", "--ipv6" -> ipv6Mark = true;
                case "-b", "--sched-flags" -> d.schedulerFlags.addAll(LvsCfKeys.schedulerFlags(w.value(option)));
                case "--pe" -> unsupported(w, option, w.value(option));
                case "-o", "--ops" -> d.onePacket = true;
                default -> throw new IllegalArgumentException("unknown option '" + option + "' for -A");
            }
        }
        if (d == null) {
            throw new IllegalArgumentException("-A without a service (-t, -u or -f)");
        }
        if (ipv6Mark) {
            d.fwmarkFamily = AddressFamily.INET6;
        }
        if (services.putIfAbsent(key.text() + (ipv6Mark ? " v6" : ""), d) != null) {
            throw new IllegalArgumentException("service " + key.text() + " is added twice");
        }
    }

    private void realServer(Words w) {
        Key key = null;
        InetAddress address = null;
        int port = 0;
        int weight = 1;
        int upper = 0;
        int lower = 0;
        TunnelType tunType = TunnelType.IPIP;
        int tunPort = 0;
        Set<TunnelFlag> tunFlags = Set.of();
        NetworkMode mode = NetworkMode.DIRECT; // ipvsadm's default, -g
        boolean ipv6Mark = false;
        while (w.hasNext()) {
            String option = w.take();
            if (isServiceOption(option)) {
                key = serviceKey(w, option);
                continue;
            }
            switch (option) {
                case "-r", "--real-server" -> {
                    String value = w.value(option);
                    int colon = value.lastIndexOf(':');
                    boolean hasPort = colon > 0 && (!value.contains("[") ? value.indexOf(':') == colon
                            : value.substring(0, colon).endsWith("]"));
                    address = Values.address(hasPort ? value.substring(0, colon) : value);
                    port = hasPort ? Values.integer(value.substring(colon + 1), 0, 65535) : 0;
                }
                case "-g", "--gatewaying" -> mode = NetworkMode.DIRECT;
                case "-m", "--masquerading" -> mode = NetworkMode.NAT;
                case "-i", "--ipip" -> mode = NetworkMode.TUNNEL;
                case "-w", "--weight" -> weight = Values.integer(w.value(option), 0, RealServerConfig.MAX_WEIGHT);
                case "-6", "--ipv6" -> ipv6Mark = true;
                case "-x", "--u-threshold" -> upper = Values.integer(w.value(option), 0, Integer.MAX_VALUE);
                case "-y", "--l-threshold" -> lower = Values.integer(w.value(option), 0, Integer.MAX_VALUE);
                case "--tun-type" -> tunType = LvsCfKeys.tunnelType(w.value(option));
                case "--tun-port" -> tunPort = Values.integer(w.value(option), 1, 65535);
                case "--tun-nocsum", "--tun-csum", "--tun-remcsum" ->
                        tunFlags = LvsCfKeys.tunnelChecksum(option.substring("--tun-".length()));
                default -> throw new IllegalArgumentException("unknown option '" + option + "' for -a");
            }
        }
        if (key == null || address == null) {
            throw new IllegalArgumentException("-a needs a service (-t, -u or -f) and a real server (-r)");
        }
        ImportDraft d = services.get(key.text() + (ipv6Mark ? " v6" : ""));
        if (d == null) {
            throw new IllegalArgumentException("real server for " + key.text() + ", which no -A line added before");
        }
        d.forwarding(mode, w.line, problems, "-r");
        if (mode == NetworkMode.TUNNEL) {
            d.tunnel(new TunnelOptions(tunType, tunPort, tunFlags), w.line, problems, "--tun-type");
        }
        if (lower > upper) {
            throw new IllegalArgumentException("-y " + lower + " is above -x " + upper + " (the kernel refuses that)");
        }
        int lvsPort = port == d.port ? 0 : port;
        d.servers.add(new RealServerConfig("rs" + (d.servers.size() + 1), w.line, address, lvsPort, true, weight,
                upper, lower));
    }

    private void unsupported(Words w, String option, String value) {
        problems.warning(w.line, option, "lvs.cf has no equivalent" + (value == null ? "" : " for '" + value + "'")
                + "; not imported");
    }
}
