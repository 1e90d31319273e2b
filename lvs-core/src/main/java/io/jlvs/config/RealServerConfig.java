package io.jlvs.config;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A {@code server NAME { ... }} block of a virtual server (or its {@code sorry_server}).
 *
 * @param name the block's name, unique within its virtual server
 * @param line where the block starts (0 for servers not read from a file)
 * @param address {@code address}
 * @param port {@code port}: 0 means the virtual server's port (Piranha's behaviour); for a
 *     firewall-mark service 0 keeps each packet's destination port
 * @param active {@code active}: an inactive server is left out of the kernel table
 * @param weight {@code weight}: 0..65535; 0 takes no new connections
 * @param upperThreshold {@code u_threshold}: no new connections while it has this many; 0 = no limit
 * @param lowerThreshold {@code l_threshold}: new connections again below this many; 0 = none;
 *     not above {@code upperThreshold} (the kernel refuses that)
 * @param checkSettings the server's own check keys as written ({@code check_*}, {@code checkN_*}): a set
 *     with its {@code type} replaces the virtual's set of that number for this server, one without
 *     adjusts it key by key (see {@link LvsCfChecks#check(VirtualServerConfig, RealServerConfig)});
 *     unmodifiable, in file order
 * @param quiesceServer the server's own {@code quiesce_server} (keepalived's per-server
 *     {@code inhibit_on_failure}): true keeps it at weight 0 when it fails, false removes it; empty
 *     follows its virtual server's
 */
public record RealServerConfig(String name, int line, InetAddress address, int port, boolean active, int weight,
        int upperThreshold, int lowerThreshold, java.util.Map<String, String> checkSettings,
        java.util.Optional<Boolean> quiesceServer) {
    /** Largest weight accepted (Piranha's GUI limit; the kernel would take up to 2^31-1). */
    public static final int MAX_WEIGHT = 65535;

    public RealServerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (weight < 0 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("weight must be 0.." + MAX_WEIGHT + ", got " + weight);
        }
        if (upperThreshold < 0 || lowerThreshold < 0) {
            throw new IllegalArgumentException("thresholds must not be negative, got " + upperThreshold + " and "
                    + lowerThreshold);
        }
        Objects.requireNonNull(quiesceServer, "quiesceServer (use Optional.empty())");
        checkSettings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                Objects.requireNonNull(checkSettings, "checkSettings")));
        if (lowerThreshold > upperThreshold) {
            throw new IllegalArgumentException("l_threshold " + lowerThreshold + " is above u_threshold "
                    + upperThreshold + " (without u_threshold there is no l_threshold)");
        }
    }

    /** A server without connection thresholds. */
    public RealServerConfig(String name, int line, InetAddress address, int port, boolean active, int weight) {
        this(name, line, address, port, active, weight, 0, 0);
    }

    /** A server that fails as its virtual server says. */
    public RealServerConfig(String name, int line, InetAddress address, int port, boolean active, int weight,
            int upperThreshold, int lowerThreshold, java.util.Map<String, String> checkSettings) {
        this(name, line, address, port, active, weight, upperThreshold, lowerThreshold, checkSettings,
                java.util.Optional.empty());
    }

    /** Whether this server is kept at weight 0 (true) or removed when it fails, in {@code virtual}. */
    public boolean quiescesIn(VirtualServerConfig virtual) {
        return quiesceServer.orElse(virtual.quiesceServer());
    }

    /** A server checked as its virtual server says. */
    public RealServerConfig(String name, int line, InetAddress address, int port, boolean active, int weight,
            int upperThreshold, int lowerThreshold) {
        this(name, line, address, port, active, weight, upperThreshold, lowerThreshold, java.util.Map.of());
    }
}
