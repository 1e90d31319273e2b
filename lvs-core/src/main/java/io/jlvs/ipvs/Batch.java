package io.jlvs.ipvs;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered list of changes applied together by {@link IpvsClient#apply(Batch)}: sent to the kernel
 * in as few netlink datagrams as fit, each change answered on its own. Order matters: add a service
 * before its real servers, delete real servers before their service.
 */
public final class Batch {
    private final List<Operation> operations;

    private Batch(List<Operation> operations) {
        this.operations = List.copyOf(operations);
    }

    public static Batch of(List<? extends Operation> operations) {
        return new Batch(new ArrayList<>(operations));
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Operation> operations() {
        return operations;
    }

    public int size() {
        return operations.size();
    }

    public boolean isEmpty() {
        return operations.isEmpty();
    }

    @Override
    public String toString() {
        return "Batch of " + operations.size() + " operations";
    }

    /** Collects operations in order. */
    public static final class Builder {
        private final List<Operation> operations = new ArrayList<>();

        private Builder() {}

        public Builder add(Operation operation) {
            operations.add(java.util.Objects.requireNonNull(operation, "operation"));
            return this;
        }

        public Builder addService(VirtualService service) {
            return add(new Operation.AddService(service));
        }

        public Builder editService(VirtualService service) {
            return add(new Operation.EditService(service));
        }

        public Builder deleteService(ServiceKey service) {
            return add(new Operation.DeleteService(service));
        }

        public Builder addRealServer(ServiceKey service, RealServer server) {
            return add(new Operation.AddRealServer(service, server));
        }

        public Builder editRealServer(ServiceKey service, RealServer server) {
            return add(new Operation.EditRealServer(service, server));
        }

        public Builder deleteRealServer(ServiceKey service, RealServerAddress server) {
            return add(new Operation.DeleteRealServer(service, server));
        }

        public int size() {
            return operations.size();
        }

        public Batch build() {
            return new Batch(operations);
        }
    }
}
