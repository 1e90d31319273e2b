package io.jlvs.ipvs;

import io.jlvs.ipvs.internal.IpvsUapi;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection synchronisation daemon (ipvsadm {@code --start-daemon}; IPVS_CMD_ATTR_DAEMON): the
 * master multicasts connection state, a backup receives it. One of each may run per namespace.
 *
 * <p>Zero and empty mean "the kernel's default" (start_sync_thread in ip_vs_sync.c): maximum
 * length from the interface MTU, group 224.0.0.81, port 8848, TTL 1. A daemon read back from the
 * kernel carries the values in effect, so it need not equal the one that was started.
 *
 * @param state MASTER or BACKUP
 * @param interfaceName the multicast interface, 1..15 bytes, a valid Linux interface name
 * @param syncId 0..255, tells apart directors sharing a group (ipvsadm --syncid)
 * @param syncMaxLength 0..65535: UDP payload size, 0 = from the MTU (the kernel clamps it)
 * @param multicastGroup IPv4 or IPv6 multicast group; empty = 224.0.0.81
 * @param multicastPort 0..65535, 0 = 8848
 * @param multicastTtl 0..255, 0 = 1
 */
public record SyncDaemon(
        State state,
        String interfaceName,
        int syncId,
        int syncMaxLength,
        Optional<InetAddress> multicastGroup,
        int multicastPort,
        int multicastTtl) {

    /** The daemon's role (IPVS_DAEMON_ATTR_STATE). */
    public enum State {
        /** Sends connection state (IP_VS_STATE_MASTER). */
        MASTER(IpvsUapi.IP_VS_STATE_MASTER),
        /** Receives connection state (IP_VS_STATE_BACKUP). */
        BACKUP(IpvsUapi.IP_VS_STATE_BACKUP);

        private final int kernelValue;

        State(int kernelValue) {
            this.kernelValue = kernelValue;
        }

        /** The IP_VS_STATE_* value. */
        public int kernelValue() {
            return kernelValue;
        }

        /** The state with that IP_VS_STATE_* value; IllegalArgumentException for any other. */
        public static State fromKernel(int value) {
            for (State s : values()) {
                if (s.kernelValue == value) {
                    return s;
                }
            }
            throw new IllegalArgumentException("sync daemon state " + value + " is neither master (1) nor backup (2)");
        }
    }

    public SyncDaemon {
        Objects.requireNonNull(state, "state");
        checkInterfaceName(interfaceName);
        Checks.range(syncId, 0, 255, "sync id");
        Checks.range(syncMaxLength, 0, 0xFFFF, "sync max length");
        Objects.requireNonNull(multicastGroup, "multicastGroup (use Optional.empty())");
        multicastGroup = multicastGroup.map(g -> Addresses.normalize(g, "multicast group"));
        multicastGroup.ifPresent(g -> {
            if (!g.isMulticastAddress()) {
                throw new IllegalArgumentException("multicast group " + Addresses.format(g) + " is not a multicast address");
            }
        });
        Checks.port(multicastPort, "multicast port");
        Checks.range(multicastTtl, 0, 255, "multicast TTL");
    }

    /** A master on {@code interfaceName} with kernel defaults for the rest. */
    public static SyncDaemon master(String interfaceName, int syncId) {
        return builder(State.MASTER, interfaceName).syncId(syncId).build();
    }

    /** A backup on {@code interfaceName} with kernel defaults for the rest. */
    public static SyncDaemon backup(String interfaceName, int syncId) {
        return builder(State.BACKUP, interfaceName).syncId(syncId).build();
    }

    /** A builder: sync id 0 and kernel defaults for the rest. */
    public static Builder builder(State state, String interfaceName) {
        return new Builder(state, interfaceName);
    }

    /** As ipvsadm -L --daemon shows it: "master sync daemon (mcast=eth0, syncid=1, port=8848)". */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(state.name().toLowerCase(Locale.ROOT))
                .append(" sync daemon (mcast=").append(interfaceName).append(", syncid=").append(syncId);
        if (syncMaxLength != 0) {
            text.append(", maxlen=").append(syncMaxLength);
        }
        multicastGroup.ifPresent(g -> text.append(", group=").append(Addresses.format(g)));
        if (multicastPort != 0) {
            text.append(", port=").append(multicastPort);
        }
        if (multicastTtl != 0) {
            text.append(", ttl=").append(multicastTtl);
        }
        return text.append(')').toString();
    }

    /** dev_valid_name (net/core/dev.c): not "." or "..", no '/', ':' or white space, under IFNAMSIZ. */
    private static void checkInterfaceName(String name) {
        Objects.requireNonNull(name, "interface name");
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        boolean bad = bytes == 0 || bytes > IpvsUapi.IP_VS_IFNAME_MAXLEN - 1 || name.equals(".") || name.equals("..");
        for (int i = 0; i < name.length() && !bad; i++) {
            char c = name.charAt(i);
            bad = c == '/' || c == ':' || c == '\0' || Character.isWhitespace(c);
        }
        if (bad) {
            throw new IllegalArgumentException("interface name '" + name
                    + "' must be 1..15 bytes without '/', ':' or white space, and not '.' or '..'");
        }
    }

    /** Builds a {@link SyncDaemon}. Not thread-safe. */
    public static final class Builder {
        private final State state;
        private final String interfaceName;
        private int syncId;
        private int syncMaxLength;
        private InetAddress multicastGroup;
        private int multicastPort;
        private int multicastTtl;

        private Builder(State state, String interfaceName) {
            this.state = state;
            this.interfaceName = interfaceName;
        }

        /** 0..255 (default 0). */
        public Builder syncId(int syncId) {
            this.syncId = syncId;
            return this;
        }

        /** UDP payload size, 0 for the kernel's choice (the default). */
        public Builder syncMaxLength(int syncMaxLength) {
            this.syncMaxLength = syncMaxLength;
            return this;
        }

        /** Multicast group, null for 224.0.0.81 (the default). */
        public Builder multicastGroup(InetAddress group) {
            this.multicastGroup = group;
            return this;
        }

        /** Multicast port, 0 for 8848 (the default). */
        public Builder multicastPort(int port) {
            this.multicastPort = port;
            return this;
        }

        /** Multicast TTL, 0 for 1 (the default). */
        public Builder multicastTtl(int ttl) {
            this.multicastTtl = ttl;
            return this;
        }

        public SyncDaemon build() {
            return new SyncDaemon(state, interfaceName, syncId, syncMaxLength, Optional.ofNullable(multicastGroup),
                    multicastPort, multicastTtl);
        }
    }
}
