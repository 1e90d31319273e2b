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
 * @param stateFile     where the director remembers the IPVS services it created, across restarts, so
 *                      that it deletes them once they leave the configuration and never touches anyone
 *                      else's; empty (the builder's default) remembers them for this run only
 * @param runtimeDirectory where the one-instance-per-namespace lock lives, or empty for no lock
 *                      (embedding, tests); jlvsd always gives one ({@code /run/jlvs} by default)
 * @param logLevels     what changes log levels at run time (the control socket's {@code log-level}), or
 *                      empty (the default) when they are fixed
 */
public record DirectorSettings(
        Path configFile, NetworkNamespace namespace, NodeMode node, Optional<Path> controlSocket,
        Optional<String> controlGroup, Optional<InetSocketAddress> metrics, Duration driftInterval,
        Duration debounce, Optional<Path> stateFile, Optional<Path> runtimeDirectory, Optional<LogLevels> logLevels) {

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
        Objects.requireNonNull(stateFile, "stateFile");
        Objects.requireNonNull(runtimeDirectory, "runtimeDirectory");
        Objects.requireNonNull(logLevels, "logLevels");
        if (driftInterval.isNegative() || driftInterval.isZero()) {
            throw new IllegalArgumentException("drift interval must be positive, got " + driftInterval);
        }
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("debounce must not be negative, got " + debounce);
        }
    }

    /**
     * Where jlvsd remembers the services it created in {@code namespace} unless told otherwise: one
     * file per namespace under /var/lib/jlvs, named by the namespace's inode (what {@code ip netns
     * identify} and {@code ls -L -i /proc/PID/ns/net} show), so directors in different namespaces on
     * one host, started with or without {@code --netns}, never share one.
     */
    public static Path defaultStateFile(NetworkNamespace namespace) {
        Path nsfs = namespace.nsfsPath();
        String id;
        try {
            id = "netns-" + java.nio.file.Files.getAttribute(nsfs, "unix:ino");
        } catch (java.io.IOException | RuntimeException e) {
            // Not there yet (a --netns created after start is refused later anyway): by its path.
            id = "netns-" + nsfs.toString().replaceAll("[^A-Za-z0-9._-]", "_");
        }
        return Path.of("/var/lib/jlvs", "owned-services." + id);
    }

    /** Defaults: current namespace, node AUTO, no control socket, no metrics, drift check every 10 s, 100 ms debounce, no state file, no instance lock. */
    public static Builder builder(Path configFile) {
        return new Builder(configFile);
    }

    /** Collects the optional settings; {@link DirectorSettings#builder(Path)} names the defaults. */
    public static final class Builder {
        private final Path configFile;
        private NetworkNamespace namespace = NetworkNamespace.current();
        private NodeMode node = NodeMode.AUTO;
        private Optional<Path> controlSocket = Optional.empty();
        private Optional<String> controlGroup = Optional.empty();
        private Optional<InetSocketAddress> metrics = Optional.empty();
        private Duration driftInterval = Duration.ofSeconds(10);
        private Duration debounce = Duration.ofMillis(100);
        private Optional<Path> stateFile = Optional.empty();
        private Optional<Path> runtimeDirectory = Optional.empty();
        private Optional<LogLevels> logLevels = Optional.empty();

        private Builder(Path configFile) {
            this.configFile = Objects.requireNonNull(configFile, "configFile");
        }

        /**
         * The network namespace whose IPVS table, addresses and heartbeats the director manages (its
         * kernel sockets are opened there). Health probes and the programs lvs.cf names run in the
         * calling process's own namespace: a program that wants them in {@code namespace} too enters it
         * first, as jlvsd does ({@link NetworkNamespace#enterForThisThread}).
         */
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

        public Builder stateFile(Path file) {
            this.stateFile = Optional.of(file);
            return this;
        }

        /** Takes the instance lock in {@code directory} before anything else (see {@code Director.start}). */
        public Builder runtimeDirectory(Path directory) {
            this.runtimeDirectory = Optional.of(directory);
            return this;
        }

        /** Lets the control socket's {@code log-level} command change log levels through {@code levels}. */
        public Builder logLevels(LogLevels levels) {
            this.logLevels = Optional.of(levels);
            return this;
        }

        public DirectorSettings build() {
            return new DirectorSettings(configFile, namespace, node, controlSocket, controlGroup, metrics,
                    driftInterval, debounce, stateFile, runtimeDirectory, logLevels);
        }
    }
}
