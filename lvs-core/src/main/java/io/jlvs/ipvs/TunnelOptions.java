package io.jlvs.ipvs;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Encapsulation of a {@link ForwardingMethod#TUNNEL} real server (IPVS_DEST_ATTR_TUN_TYPE,
 * _TUN_PORT, _TUN_FLAGS; Linux 5.2+ for anything but IPIP).
 *
 * <p>Valid combinations, as ipvsadm's table of tunnel options has them: IPIP takes no port and no
 * flags; GUE needs a port 1..65535 (ip_vs_add_dest refuses 0 with EINVAL) and takes any flags;
 * GRE takes no port and at most {@link TunnelFlag#CSUM}.
 *
 * @param type the encapsulation
 * @param port GUE's UDP destination port, 0 for the others
 * @param flags checksum flags, the empty set for "no checksum"; unmodifiable
 */
public record TunnelOptions(TunnelType type, int port, Set<TunnelFlag> flags) {
    /** Plain IP-in-IP, what ipvsadm -i gives. */
    public static final TunnelOptions IPIP = new TunnelOptions(TunnelType.IPIP, 0, Set.of());

    public TunnelOptions {
        Objects.requireNonNull(type, "tunnel type");
        Objects.requireNonNull(flags, "tunnel flags");
        EnumSet<TunnelFlag> copy = EnumSet.noneOf(TunnelFlag.class);
        flags.forEach(f -> copy.add(Objects.requireNonNull(f, "tunnel flag")));
        flags = Collections.unmodifiableSet(copy);
        switch (type) {
            case IPIP -> {
                if (port != 0 || !flags.isEmpty()) {
                    throw new IllegalArgumentException("ipip tunnel takes no port and no flags, not port "
                            + port + " flags " + names(flags));
                }
            }
            case GUE -> Checks.range(port, 1, 0xFFFF, "gue tunnel port");
            case GRE -> {
                if (port != 0) {
                    throw new IllegalArgumentException("gre tunnel takes no port, not " + port);
                }
                if (flags.contains(TunnelFlag.REMCSUM)) {
                    throw new IllegalArgumentException("gre tunnel does not take flag REMCSUM (remote checksum is GUE only)");
                }
            }
        }
    }

    /** GUE to {@code port}, with checksum flags. */
    public static TunnelOptions gue(int port, TunnelFlag... flags) {
        return new TunnelOptions(TunnelType.GUE, port, Set.copyOf(List.of(flags)));
    }

    /** GRE, with checksum flags. */
    public static TunnelOptions gre(TunnelFlag... flags) {
        return new TunnelOptions(TunnelType.GRE, 0, Set.copyOf(List.of(flags)));
    }

    /** As ipvsadm --tun-info shows it: "ipip", "gue:6080:-c", "gre:+c". */
    @Override
    public String toString() {
        return switch (type) {
            case IPIP -> "ipip";
            case GUE -> "gue:" + port + ":" + names(flags);
            case GRE -> "gre:" + names(flags);
        };
    }

    private static String names(Set<TunnelFlag> flags) {
        if (flags.isEmpty()) {
            return "-c";
        }
        StringBuilder text = new StringBuilder();
        for (TunnelFlag f : flags) {
            text.append(text.length() == 0 ? "" : ",").append(f.ipvsadmName());
        }
        return text.toString();
    }
}
