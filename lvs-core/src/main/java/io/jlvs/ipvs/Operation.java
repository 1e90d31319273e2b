package io.jlvs.ipvs;

import java.util.Objects;

/**
 * One change to the IPVS table, as part of a {@link Batch}. Each reads as what it does
 * ({@code toString()}: "add service TCP 10.0.0.1:80 wlc").
 */
public sealed interface Operation {

    /** The service the operation is about. */
    ServiceKey service();

    /** Adds a virtual service ({@code ipvsadm -A}). */
    record AddService(VirtualService virtualService) implements Operation {
        public AddService {
            Objects.requireNonNull(virtualService, "virtualService");
        }

        @Override
        public ServiceKey service() {
            return virtualService.key();
        }

        @Override
        public String toString() {
            return "add service " + virtualService;
        }
    }

    /** Changes a virtual service's settings in place ({@code ipvsadm -E}); its key stays. */
    record EditService(VirtualService virtualService) implements Operation {
        public EditService {
            Objects.requireNonNull(virtualService, "virtualService");
        }

        @Override
        public ServiceKey service() {
            return virtualService.key();
        }

        @Override
        public String toString() {
            return "edit service " + virtualService;
        }
    }

    /** Deletes a virtual service and its real servers ({@code ipvsadm -D}). */
    record DeleteService(ServiceKey service) implements Operation {
        public DeleteService {
            Objects.requireNonNull(service, "service");
        }

        @Override
        public String toString() {
            return "delete service " + service;
        }
    }

    /** Adds a real server to a service ({@code ipvsadm -a}). */
    record AddRealServer(ServiceKey service, RealServer server) implements Operation {
        public AddRealServer {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(server, "server");
        }

        @Override
        public String toString() {
            return "add real server " + server + " to " + service;
        }
    }

    /** Changes a real server's settings in place ({@code ipvsadm -e}); its address stays. */
    record EditRealServer(ServiceKey service, RealServer server) implements Operation {
        public EditRealServer {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(server, "server");
        }

        @Override
        public String toString() {
            return "edit real server " + server + " of " + service;
        }
    }

    /** Removes a real server from a service ({@code ipvsadm -d}). */
    record DeleteRealServer(ServiceKey service, RealServerAddress server) implements Operation {
        public DeleteRealServer {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(server, "server");
        }

        @Override
        public String toString() {
            return "delete real server " + server + " from " + service;
        }
    }
}
