package io.jlvs.director;

import io.jlvs.ipvs.Operation;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One change of a {@link Plan}: what the kernel holds before and after, and the one IPVS operation
 * that makes it. {@link #describe()} gives the line {@code jlvsd --plan} prints, in ipvsadm's words:
 * {@code "+"} adds, {@code "~"} edits in place, {@code "-"} deletes.
 */
public sealed interface PlanStep {

    /** The service the step is about. */
    ServiceKey service();

    /** The real server the step is about; empty for a service step. */
    Optional<RealServerAddress> realServer();

    /** The IPVS operation (NEW/SET/DEL_SERVICE or _DEST). */
    Operation operation();

    /** One line for people: "+ service TCP 10.0.0.1:80 wlc", "~ real server ... weight 5 -> 0". */
    String describe();

    /** A service the desired table has and the live one lacks: "+ service". */
    record AddService(VirtualService virtualService) implements PlanStep {
        public AddService {
            Objects.requireNonNull(virtualService, "virtualService");
        }

        public ServiceKey service() {
            return virtualService.key();
        }

        public Optional<RealServerAddress> realServer() {
            return Optional.empty();
        }

        public Operation operation() {
            return new Operation.AddService(virtualService);
        }

        public String describe() {
            return "+ service " + virtualService;
        }
    }

    /** A service whose settings differ, {@code from} the live table {@code to} the desired one: "~ service". */
    record EditService(VirtualService from, VirtualService to) implements PlanStep {
        public EditService {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!from.key().equals(to.key())) {
                throw new IllegalArgumentException("an edit keeps the key: " + from.key() + " -> " + to.key());
            }
        }

        public ServiceKey service() {
            return to.key();
        }

        public Optional<RealServerAddress> realServer() {
            return Optional.empty();
        }

        public Operation operation() {
            return new Operation.EditService(to);
        }

        public String describe() {
            List<String> changes = new ArrayList<>();
            change(changes, "scheduler", from.scheduler(), to.scheduler());
            change(changes, "flags", from.schedulerFlags(), to.schedulerFlags());
            change(changes, "persistence", from.persistence().map(p -> p.timeoutSeconds() + "s/" + p.netmaskPrefixLength())
                    .orElse("none"), to.persistence().map(p -> p.timeoutSeconds() + "s/" + p.netmaskPrefixLength())
                    .orElse("none"));
            change(changes, "one-packet", from.onePacket(), to.onePacket());
            change(changes, "pe", from.persistenceEngine().orElse("none"), to.persistenceEngine().orElse("none"));
            return "~ service " + to.key() + " " + String.join(", ", changes);
        }
    }

    /** A live service that the desired table does not have: "- service". */
    record DeleteService(VirtualService virtualService) implements PlanStep {
        public DeleteService {
            Objects.requireNonNull(virtualService, "virtualService");
        }

        public ServiceKey service() {
            return virtualService.key();
        }

        public Optional<RealServerAddress> realServer() {
            return Optional.empty();
        }

        public Operation operation() {
            return new Operation.DeleteService(virtualService.key());
        }

        public String describe() {
            return "- service " + virtualService;
        }
    }

    /** A real server the desired service has and the live one lacks: "+ real server". */
    record AddRealServer(ServiceKey service, RealServer server) implements PlanStep {
        public AddRealServer {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(server, "server");
        }

        public Optional<RealServerAddress> realServer() {
            return Optional.of(server.key());
        }

        public Operation operation() {
            return new Operation.AddRealServer(service, server);
        }

        public String describe() {
            return "+ real server " + service + " -> " + server;
        }
    }

    /** A real server whose settings differ, {@code from} the live table {@code to} the desired one: "~ real server". */
    record EditRealServer(ServiceKey service, RealServer from, RealServer to) implements PlanStep {
        public EditRealServer {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!from.key().equals(to.key())) {
                throw new IllegalArgumentException("an edit keeps the address: " + from.key() + " -> " + to.key());
            }
        }

        public Optional<RealServerAddress> realServer() {
            return Optional.of(to.key());
        }

        public Operation operation() {
            return new Operation.EditRealServer(service, to);
        }

        public String describe() {
            List<String> changes = new ArrayList<>();
            change(changes, "forwarding", from.forwarding().ipvsadmName().toLowerCase(Locale.ROOT),
                    to.forwarding().ipvsadmName().toLowerCase(Locale.ROOT));
            change(changes, "weight", from.weight(), to.weight());
            change(changes, "upper threshold", from.upperThreshold(), to.upperThreshold());
            change(changes, "lower threshold", from.lowerThreshold(), to.lowerThreshold());
            change(changes, "tunnel", from.tunnel().map(Object::toString).orElse("none"),
                    to.tunnel().map(Object::toString).orElse("none"));
            return "~ real server " + service + " -> " + to.key() + " " + String.join(", ", changes);
        }
    }

    /** A live real server that the desired table does not have: "- real server". */
    record DeleteRealServer(ServiceKey service, RealServer server) implements PlanStep {
        public DeleteRealServer {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(server, "server");
        }

        public Optional<RealServerAddress> realServer() {
            return Optional.of(server.key());
        }

        public Operation operation() {
            return new Operation.DeleteRealServer(service, server.key());
        }

        public String describe() {
            return "- real server " + service + " -> " + server;
        }
    }

    private static void change(List<String> changes, String what, Object from, Object to) {
        if (!from.equals(to)) {
            changes.add(what + " " + from + " -> " + to);
        }
    }
}
