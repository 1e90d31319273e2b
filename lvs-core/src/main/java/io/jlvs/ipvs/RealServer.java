package io.jlvs.ipvs;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A real server (the kernel's "destination") as configured within a virtual service. Live
 * counters are in {@link RealServerEntry}.
 *
 * <p>Build one with {@link #builder(InetAddress, int)}; the defaults are ipvsadm's: direct routing,
 * weight 1, no thresholds.
 *
 * <p>Tunnel options belong to TUNNEL forwarding only; a TUNNEL real server without them gets
 * {@link TunnelOptions#IPIP}, which is what the kernel reports back, so {@code tunnel()} is present
 * exactly when forwarding is TUNNEL. A real server of the other family than its service is allowed
 * only with TUNNEL; the kernel checks that (EINVAL), not this type.
 *
 * @param address IPv4 or IPv6; an {@link java.net.Inet6Address} holding an IPv4-mapped address is IPv6
 * @param port 0..65535
 * @param forwarding how packets reach it
 * @param weight 0..Integer.MAX_VALUE; 0 takes no new connections (quiesced)
 * @param upperThreshold stop sending new connections above this many; 0 = no limit
 * @param lowerThreshold resume below this many; 0 = none; not above upperThreshold (ERANGE)
 * @param tunnel present exactly when forwarding is TUNNEL
 */
public record RealServer(
        InetAddress address,
        int port,
        ForwardingMethod forwarding,
        int weight,
        int upperThreshold,
        int lowerThreshold,
        Optional<TunnelOptions> tunnel) {

    /** ipvsadm's default weight. */
    public static final int DEFAULT_WEIGHT = 1;

    public RealServer {
        address = Addresses.normalize(address, "real server address");
        Checks.port(port, "real server port");
        Objects.requireNonNull(forwarding, "forwarding");
        Checks.range(weight, 0, Integer.MAX_VALUE, "weight");
        Checks.range(upperThreshold, 0, Integer.MAX_VALUE, "upper threshold");
        Checks.range(lowerThreshold, 0, Integer.MAX_VALUE, "lower threshold");
        if (lowerThreshold > upperThreshold) {
            throw new IllegalArgumentException("lower threshold " + lowerThreshold
                    + " is above upper threshold " + upperThreshold + " (0 means no upper limit, and then no lower one)");
        }
        Objects.requireNonNull(tunnel, "tunnel (use Optional.empty())");
        if (forwarding == ForwardingMethod.TUNNEL) {
            tunnel = Optional.of(tunnel.orElse(TunnelOptions.IPIP));
        } else if (tunnel.isPresent()) {
            throw new IllegalArgumentException("tunnel options " + tunnel.get()
                    + " need forwarding TUNNEL, not " + forwarding);
        }
    }

    /** A builder with ipvsadm's defaults: direct routing, weight 1, no thresholds. */
    public static Builder builder(InetAddress address, int port) {
        return new Builder(address, port);
    }

    /** A builder holding this real server's settings. */
    public Builder toBuilder() {
        Builder b = new Builder(address, port);
        b.forwarding = forwarding;
        b.weight = weight;
        b.upperThreshold = upperThreshold;
        b.lowerThreshold = lowerThreshold;
        b.tunnel = tunnel.orElse(null);
        return b;
    }

    /** This real server with another weight (what health checks change). */
    public RealServer withWeight(int newWeight) {
        return new RealServer(address, port, forwarding, newWeight, upperThreshold, lowerThreshold, tunnel);
    }

    /** Its identity within the service: address and port. */
    public RealServerAddress key() {
        return new RealServerAddress(address, port);
    }

    /** Its address family (may differ from the service's with TUNNEL). */
    public AddressFamily addressFamily() {
        return AddressFamily.of(address);
    }

    /** "10.0.0.2:80 Route weight 1", plus " thresholds 10..100" and " tunnel gue:6080:+c" when set. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(Addresses.endpoint(address, port)).append(' ')
                .append(forwarding.ipvsadmName()).append(" weight ").append(weight);
        if (upperThreshold != 0 || lowerThreshold != 0) {
            text.append(" thresholds ").append(lowerThreshold).append("..").append(upperThreshold);
        }
        tunnel.ifPresent(t -> text.append(" tunnel ").append(t));
        return text.toString();
    }

    /** Builds a {@link RealServer}; starts from ipvsadm's defaults. Not thread-safe. */
    public static final class Builder {
        private final InetAddress address;
        private final int port;
        private ForwardingMethod forwarding = ForwardingMethod.DIRECT_ROUTE;
        private int weight = DEFAULT_WEIGHT;
        private int upperThreshold;
        private int lowerThreshold;
        private TunnelOptions tunnel;

        private Builder(InetAddress address, int port) {
            this.address = Objects.requireNonNull(address, "real server address");
            this.port = port;
        }

        /** The forwarding method (default DIRECT_ROUTE); leaving TUNNEL drops tunnel options. */
        public Builder forwarding(ForwardingMethod forwarding) {
            this.forwarding = Objects.requireNonNull(forwarding, "forwarding");
            if (forwarding != ForwardingMethod.TUNNEL) {
                tunnel = null;
            }
            return this;
        }

        /** NAT (ipvsadm -m). */
        public Builder masquerade() {
            return forwarding(ForwardingMethod.MASQUERADE);
        }

        /** Direct routing (ipvsadm -g, the default). */
        public Builder directRoute() {
            return forwarding(ForwardingMethod.DIRECT_ROUTE);
        }

        /** Tunnelling with these options (forwarding becomes TUNNEL). */
        public Builder tunnel(TunnelOptions options) {
            this.forwarding = ForwardingMethod.TUNNEL;
            this.tunnel = Objects.requireNonNull(options, "tunnel options");
            return this;
        }

        /** The weight (default 1). */
        public Builder weight(int weight) {
            this.weight = weight;
            return this;
        }

        /** Upper connection threshold, 0 for none (the default). */
        public Builder upperThreshold(int upperThreshold) {
            this.upperThreshold = upperThreshold;
            return this;
        }

        /** Lower connection threshold, 0 for none (the default). */
        public Builder lowerThreshold(int lowerThreshold) {
            this.lowerThreshold = lowerThreshold;
            return this;
        }

        public RealServer build() {
            return new RealServer(address, port, forwarding, weight, upperThreshold, lowerThreshold,
                    Optional.ofNullable(tunnel));
        }
    }
}
