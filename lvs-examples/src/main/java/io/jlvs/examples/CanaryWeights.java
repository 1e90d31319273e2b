package io.jlvs.examples;

import io.jlvs.ipvs.InMemoryIpvs;
import io.jlvs.ipvs.Ipvs;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Application code that programs IPVS, small enough to read at a glance: a canary rollout shifts a
 * share of the new connections from a stable real server to a canary by their weights (out of 100).
 * It takes the {@link Ipvs} interface, not {@code IpvsClient}, so that its test
 * (UserCodeWithFakeIpvsTest) runs it on {@link InMemoryIpvs}: that is the pattern to copy.
 *
 * <p>Each server keeps its other settings (forwarding, thresholds): only the weight is edited, in
 * place, so established connections stay where they are. The canary is edited first: when it is
 * missing, the kernel's error comes before anything has changed.
 */
public final class CanaryWeights {
    private final Ipvs ipvs;
    private final ServiceKey service;
    private final RealServerAddress stable;
    private final RealServerAddress canary;

    public CanaryWeights(Ipvs ipvs, ServiceKey service, RealServerAddress stable, RealServerAddress canary) {
        this.ipvs = Objects.requireNonNull(ipvs, "ipvs");
        this.service = Objects.requireNonNull(service, "service");
        this.stable = Objects.requireNonNull(stable, "stable");
        this.canary = Objects.requireNonNull(canary, "canary");
    }

    /**
     * Gives the canary weight {@code percent} and the stable server {@code 100 - percent}.
     *
     * @throws IllegalArgumentException outside 0..100, before IPVS is asked anything
     * @throws io.jlvs.ipvs.NoSuchServiceException when the service is gone
     * @throws io.jlvs.ipvs.NoSuchRealServerException when either server is not in the service
     */
    public void shift(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0..100, got " + percent);
        }
        setWeight(canary, percent);
        setWeight(stable, 100 - percent);
    }

    private void setWeight(RealServerAddress server, int weight) {
        // An absent server is edited all the same, so that the error is IPVS's own (ENOENT).
        RealServer current = current(server).orElseGet(() -> RealServer.builder(server.address(), server.port()).build());
        ipvs.editRealServer(service, current.withWeight(weight));
    }

    private Optional<RealServer> current(RealServerAddress server) {
        return ipvs.realServers(service).stream().map(RealServerEntry::server).filter(s -> s.key().equals(server)).findFirst();
    }
}
