package io.jlvs.ipvs;

import java.util.Objects;

/**
 * A virtual service as the kernel reports it: its configuration and its live counters.
 *
 * @param service the configuration, comparable with what was written
 * @param stats the counters
 */
public record ServiceEntry(VirtualService service, Stats stats) {
    public ServiceEntry {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(stats, "stats");
    }

    /** The service's key. */
    public ServiceKey key() {
        return service.key();
    }
}
