package io.jlvs.director;

import io.jlvs.netlink.NetworkNamespace;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one director runs: which configuration, in which network namespace, and which of the optional
 * endpoints it opens. Everything but the configuration file has a default; see {@link #builder(Path)}.
 *
 * @param configFile    the lvs.cf file
 * @param namespace     the network namespace whose IPVS table it manages
 * @param node          which failover node this is
 * @param controlSocket the control socket's path, or empty for none
 * @param controlGroup  a group (name) whose members may use the control socket besides root
 * @param metrics       the Prometheus endpoint's address and port, or empty (the default) for none
 * @param driftInterval how often the kernel table is compared with the desired one and repaired
 * @param debounce      how long health changes are gathered before one reconcile applies them all
 * @param runtimeDirectory where the one-instance-per-namespace lock lives, or empty for no lock
 *                      (embedding, tests); jlvsd always gives one ({@code /run/jlvs} by default)
 */
public record DirectorSettings(
        Path configFile, NetworkNamespace namespace, NodeMode node, Optional<Path> controlSocket,
        Optional<String> controlGroup, Optional<InetSocketAddress> metrics, Duration driftInterval,
        Duration debounce, Optional<Path> runtimeDirectory) {

    /** Where jlvsd puts its control socket unless told otherwise: a directory only root can write. */
    public static final Path DEFAULT_CONTROL_SOCKET = Path.of("/run/jlvsd/jlvsd.sock");
    /** Where jlvsd keeps its instance lock unless told otherwise (systemd's RuntimeDirectory=jlvs). */
    public static final Path DEFAULT_RUNTIME_DIRECTORY = Path.of("/run/jlvs");

    public DirectorSettings {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(controlSocket, "controlSocket");
        Objects.requireNonNull(controlGroup, "controlGroup");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(runtimeDirectory, "runtimeDirectory");
        if (driftInterval.isNegative() || driftInterval.isZero()) {
            throw new IllegalArgumentException("drift interval must be positive, got " + driftInterval);
        }
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("debounce must not be negative, got " + debounce);
        }
    }

    /** Defaults: current namespace, node AUTO, no control socket, no metrics, drift check every 10 s, 100 ms debounce, no instance lock. */
    public static Builder builder(Path configFile) {
        return new Builder(configFile);
    }

    public static final class Builder {
        private final Path configFile;
        private NetworkNamespace namespace = NetworkNamespace.current();
        private NodeMode node = NodeMode.AUTO;
        private Optional<Path> controlSocket = Optional.empty();
        private Optional<String> controlGroup = Optional.empty();
        private Optional<InetSocketAddress> metrics = Optional.empty();
        private Duration driftInterval = Duration.ofSeconds(10);
        private Duration debounce = Duration.ofMillis(100);
        private Optional<Path> runtimeDirectory = Optional.empty();

        private Builder(Path configFile) {
            this.configFile = Objects.requireNonNull(configFile, "configFile");
        }

        public Builder namespace(NetworkNamespace namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder node(NodeMode node) {
            this.node = node;
            return this;
        }

        public Builder controlSocket(Path path) {
            this.controlSocket = Optional.of(path);
            return this;
        }

        public Builder controlGroup(String group) {
            this.controlGroup = Optional.of(group);
            return this;
        }

        public Builder metrics(InetSocketAddress address) {
            this.metrics = Optional.of(address);
            return this;
        }

        public Builder driftInterval(Duration interval) {
            this.driftInterval = interval;
            return this;
        }

        public Builder debounce(Duration debounce) {
            this.debounce = debounce;
            return this;
        }

        /** Takes the instance lock in {@code directory} before anything else (see {@code Director.start}). */
        public Builder runtimeDirectory(Path directory) {
            this.runtimeDirectory = Optional.of(directory);
            return this;
        }

        public DirectorSettings build() {
            return new DirectorSettings(configFile, namespace, node, controlSocket, controlGroup, metrics,
                    driftInterval, debounce, runtimeDirectory);
        }
    }
}
