package io.jlvs.health;

import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.util.List;
import java.util.Objects;

/**
 * One change a monitor wants in the kernel's table, handed to an {@link Actuator}. Changes state the
 * wanted end, not a command: an actuator may find the kernel already there, and converges.
 */
public sealed interface Change {

    /** The service it is about. */
    ServiceKey service();

    /**
     * A real server should be in the service as {@code server} (weight included), or absent.
     *
     * @param server  the real server with the weight wanted (0 when quiesced)
     * @param from    the state before, for the log
     * @param to      the state wanted; {@link DesiredState#present()} false means delete it
     */
    record RealServerChange(ServiceKey service, RealServer server, DesiredState from, DesiredState to) implements Change {
        public RealServerChange {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public String toString() {
            return service + " real server " + server.key() + ": " + from + " -> " + to;
        }
    }

    /**
     * The service should exist with exactly these real servers ({@code present}), or not at all
     * (withdrawn below its quorum).
     */
    record ServiceChange(VirtualService virtualService, boolean present, List<RealServer> realServers) implements Change {
        public ServiceChange {
            Objects.requireNonNull(virtualService, "virtualService");
            realServers = List.copyOf(realServers);
            if (!present && !realServers.isEmpty()) {
                throw new IllegalArgumentException("a withdrawn service has no real servers");
            }
        }

        @Override
        public ServiceKey service() {
            return virtualService.key();
        }

        @Override
        public String toString() {
            return present ? "restore service " + virtualService.key() + " with " + realServers.size() + " real servers"
                    : "withdraw service " + virtualService.key();
        }
    }
}
