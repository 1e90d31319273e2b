package io.jlvs.cli.jlvsd;

import io.jlvs.director.AnotherInstanceException;
import io.jlvs.config.Configuration;
import io.jlvs.director.ConfigurationRejectedException;
import io.jlvs.director.Director;
import io.jlvs.cli.logs.LogbackLevels;
import io.jlvs.director.DirectorSettings;
import io.jlvs.director.NodeMode;
import io.jlvs.director.Plan;
import io.jlvs.ipvs.IpvsException;
import io.jlvs.failover.FloatingAddressException;
import io.jlvs.netlink.NetlinkException;
import io.jlvs.netlink.route.RouteException;
import io.jlvs.netlink.NetworkNamespace;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jlvsd -c /etc/sysconfig/ha/lvs.cf}: runs the director until SIGTERM or SIGINT; SIGHUP
 * reloads the file. Logs go to stderr, one key=value line per state change. {@code jlvsd keygen}
 * ({@link Keygen}) makes the heartbeat key a pair needs; {@code jlvsd import keepalived.conf}
 * ({@link Import}) converts a keepalived or ipvsadm-save configuration to lvs.cf.
 *
 * <p>Exit status, sysexits(3) style so that none collides with the JVM's own (the daemon runs with
 * {@code -XX:+ExitOnOutOfMemoryError}, which exits 3): see {@link ExitCodes}. Only the configuration
 * code (78) stops systemd's unit from restarting; a crash, an out-of-memory exit or a part that died
 * (70) is restarted, and the unit's ExecStopPost ({@code --release-addresses}) removes the VIPs the
 * dead process may have left.
 */
@Command(name = "jlvsd", mixinStandardHelpOptions = true, versionProvider = Jlvsd.Version.class,
        sortOptions = false, usageHelpAutoWidth = true, subcommands = {Keygen.class, Import.class},
        description = "The jLVS director: keeps the kernel's IPVS table equal to lvs.cf with health checks"
                + " and failover applied. SIGHUP reloads the file; SIGTERM/SIGINT stop.",
        exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:clean stop, --plan or --release-addresses done",
            "64:bad command line (EX_USAGE)",
            "69:cannot run: no IPVS, control socket or metrics port taken, namespace missing (EX_UNAVAILABLE)",
            "70:internal failure: a part died (heartbeat, health, control); the addresses were released (EX_SOFTWARE)",
            "73:jlvsd keygen cannot write the key file (it exists, or its directory is not writable) (EX_CANTCREAT)",
            "75:another jlvsd manages this network namespace (holds the lock in --runtime-dir) (EX_TEMPFAIL)",
            "78:configuration rejected, nothing was changed; restarting will not help (EX_CONFIG)",
            "3:the JVM ran out of memory (-XX:+ExitOnOutOfMemoryError)"})
public final class Jlvsd implements Callable<Integer> {

    // Checked in settings() rather than by picocli: `jlvsd keygen` runs without one.
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "the lvs.cf file; default: "
            + "/etc/sysconfig/ha/lvs.cf where it exists (Piranha's place), else /etc/jlvs/lvs.cf (the package's)")
    Path config;

    /** Where jlvsd looks without {@code -c}, in order: Piranha's file wins where a migration left one. */
    static final List<Path> DEFAULT_CONFIGS = List.of(Path.of("/etc/sysconfig/ha/lvs.cf"), Path.of("/etc/jlvs/lvs.cf"));

    @Option(names = "--plan", description = "print what would change in the kernel table, change nothing, and exit")
    boolean plan;

    @Option(names = "--check",
            description = "validate lvs.cf as a start would (the same file:line messages) and exit: 0 when it would be"
                    + " accepted, 78 when not. Offline: no root, kernel or network needed (systemd ExecStartPre, like keepalived -t)")
    boolean check;

    @Option(names = "--release-addresses",
            description = "remove the floating addresses lvs.cf names (VIPs, nat_router) from this namespace, change"
                    + " nothing else, and exit: after a crash, before the backup's takeover is complete (systemd ExecStopPost)."
                    + " Refused while a jlvsd runs in the namespace.")
    boolean releaseAddresses;

    @Option(names = "--runtime-dir", paramLabel = "DIR",
            description = "where the one-jlvsd-per-namespace lock lives (default: ${DEFAULT-VALUE})")
    Path runtimeDirectory = DirectorSettings.DEFAULT_RUNTIME_DIRECTORY;

    @Option(names = "--netns", paramLabel = "NAME", description = "run in network namespace NAME (/run/netns/NAME), as under ip netns exec: its IPVS table, addresses, heartbeats, health probes, programs and metrics port")
    String netns;

    @Option(names = "--control-socket", paramLabel = "PATH",
            description = "the control socket for jlvsctl (default: ${DEFAULT-VALUE})")
    Path controlSocket = DirectorSettings.DEFAULT_CONTROL_SOCKET;

    @Option(names = "--no-control-socket", description = "open no control socket")
    boolean noControlSocket;

    @Option(names = "--control-group", paramLabel = "GROUP",
            description = "members of GROUP may use the control socket too (it is then mode 0660, group GROUP)")
    String controlGroup;

    @Option(names = "--metrics", paramLabel = "ADDR:PORT", converter = HostPort.class,
            description = "serve Prometheus metrics at http://ADDR:PORT/metrics (off by default), e.g. 127.0.0.1:9470")
    InetSocketAddress metrics;

    @Option(names = "--node", paramLabel = "primary|backup|auto", defaultValue = "auto",
            description = "which director of the pair this is; auto: the one whose address is on this host (default)")
    String node;

    @Option(names = "--drift-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "how often the kernel table is checked and repaired (default: ${DEFAULT-VALUE})")
    double driftSeconds;

    @Option(names = "--state-file", paramLabel = "PATH",
            description = "where jlvsd remembers the IPVS services it created, so it deletes only those once they"
                    + " leave lvs.cf (default: /var/lib/jlvs/owned-services.netns-INODE, one per network namespace)")
    Path stateFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "trace, debug, info, warn, error or off (default: ${DEFAULT-VALUE}); `jlvsctl log-level`"
                    + " changes it while jlvsd runs. Under systemd each line carries its journal priority")
    String logLevel;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Parses and runs; returns the exit status (also the ahead-of-time cache's training run). */
    public static int run(String... args) {
        return new CommandLine(new Jlvsd()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    /** Parses {@code args} into settings without running anything (tests); throws ParameterException. */
    static DirectorSettings parse(String... args) {
        Jlvsd j = new Jlvsd();
        new CommandLine(j).parseArgs(args);
        return j.settings();
    }

    /** {@code given}, else the first of {@code defaults} that exists; a ParameterException naming them when none does. */
    Path configFile(Path given, List<Path> defaults) {
        if (given != null) {
            return given;
        }
        return defaults.stream().filter(java.nio.file.Files::exists).findFirst().orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), "no --config FILE given, and none of "
                        + defaults.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", "))
                        + " exists"));
    }

    /** The settings the command line asks for; throws ParameterException on bad values. */
    DirectorSettings settings() {
        config = configFile(config, DEFAULT_CONFIGS);
        NodeMode mode;
        try {
            mode = NodeMode.valueOf(node.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--node must be primary, backup or auto, not '" + node + "'");
        }
        if (!(driftSeconds > 0) || driftSeconds > 86_400) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--drift-interval must be more than 0 and at most 86400 seconds, not " + driftSeconds);
        }
        if (plan && releaseAddresses) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--plan and --release-addresses exclude each other");
        }
        NetworkNamespace namespace = netns == null ? NetworkNamespace.current() : NetworkNamespace.named(netns);
        DirectorSettings.Builder b = DirectorSettings.builder(config)
                .runtimeDirectory(runtimeDirectory)
                .namespace(namespace)
                .stateFile(stateFile != null ? stateFile : DirectorSettings.defaultStateFile(namespace))
                .node(mode)
                .driftInterval(Duration.ofMillis(Math.round(driftSeconds * 1000)));
        if (!noControlSocket) {
            b.controlSocket(controlSocket);
        }
        if (controlGroup != null) {
            if (noControlSocket) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--control-group needs a control socket");
            }
            b.controlGroup(controlGroup);
        }
        if (metrics != null) {
            b.metrics(metrics);
        }
        b.logLevels(new LogbackLevels());
        return b.build();
    }

    @Override
    public Integer call() {
        try {
            new LogbackLevels().set(java.util.Optional.empty(), logLevel);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--log-level: " + e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        if (check) {
            return check(err);
        }
        DirectorSettings settings = settings();
        try {
            if (plan) {
                return printPlan(settings);
            }
            if (releaseAddresses) {
                return release(settings);
            }
            return serve(settings);
        } catch (ConfigurationRejectedException e) {
            err.println("jlvsd: configuration rejected, nothing was changed:");
            e.problems().forEach(p -> err.println("  " + p));
            err.flush();
            return ExitCodes.CONFIG;
        } catch (AnotherInstanceException e) {
            err.println("jlvsd: " + e.getMessage());
            err.flush();
            return ExitCodes.LOCKED;
        } catch (IpvsException | UncheckedIOException | IllegalArgumentException | NetlinkException | RouteException
                | FloatingAddressException e) {
            err.println("jlvsd: " + e.getMessage());
            err.flush();
            return ExitCodes.UNAVAILABLE;
        }
    }

    /** --check: the loader a start uses, and nothing after it (no namespace, lock, kernel or socket). */
    private int check(PrintWriter err) {
        config = configFile(config, DEFAULT_CONFIGS);
        if (plan || releaseAddresses) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--check excludes --plan and --release-addresses");
        }
        try {
            Configuration cfg = Director.check(config);
            PrintWriter out = spec.commandLine().getOut();
            out.println("jlvsd: " + config + ": configuration OK (" + cfg.virtualServers().size() + " virtual server(s), "
                    + cfg.activeVirtualServers().size() + " active)");
            restartNeeded(cfg).ifPresent(out::println);
            out.flush();
            return ExitCodes.OK;
        } catch (ConfigurationRejectedException e) {
            err.println("jlvsd: configuration rejected:");
            e.problems().forEach(p -> err.println("  " + p));
            err.flush();
            return ExitCodes.CONFIG;
        }
    }

    /**
     * When a jlvsd runs with this state file: the settings of {@code cfg} a reload would not apply
     * (it started with others), read from what it wrote beside the state file. Offline, like the rest
     * of --check; nothing when none runs or the file cannot be read.
     */
    private java.util.Optional<String> restartNeeded(Configuration cfg) {
        Path state;
        try {
            state = stateFile != null ? stateFile : DirectorSettings.defaultStateFile(
                    netns == null ? NetworkNamespace.current() : NetworkNamespace.named(netns));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Director.restartNeeded(cfg, state)).filter(changes -> !changes.isEmpty())
                .map(changes -> "jlvsd: a reload (systemctl reload jlvsd) applies the rest of this file; these wait for"
                        + " a restart of the running jlvsd: " + String.join(", ", changes));
    }

    private int printPlan(DirectorSettings settings) throws ConfigurationRejectedException {
        Plan plan = Director.plan(settings);
        PrintWriter out = spec.commandLine().getOut();
        if (plan.isEmpty()) {
            out.println("# no changes: the kernel table matches " + settings.configFile());
        } else {
            out.println("# " + plan.size() + " change(s) to make the kernel table match " + settings.configFile() + ":");
            plan.lines().forEach(out::println);
        }
        if (!plan.leftAlone().isEmpty()) {
            out.println("# " + plan.leftAlone().size() + " service(s) in the kernel table that jlvsd did not create:");
            plan.leftAloneLines().forEach(out::println);
        }
        out.flush();
        return 0;
    }

    private int release(DirectorSettings settings) throws ConfigurationRejectedException {
        List<String> removed = Director.releaseAddresses(settings);
        PrintWriter out = spec.commandLine().getOut();
        out.println("# " + removed.size() + " floating address(es) of " + settings.configFile() + " removed"
                + (removed.isEmpty() ? "" : ": " + String.join(", ", removed)));
        out.flush();
        return ExitCodes.OK;
    }

    private int serve(DirectorSettings settings) throws ConfigurationRejectedException {
        // --netns: jlvsd lives in the namespace as a whole, as under `ip netns exec`: health probes (on
        // virtual threads, whose carriers are made later by threads made from here), check programs,
        // role programs and the metrics port are all there, not only the kernel sockets. Before any
        // other thread of ours exists; a signal's thread was made before, so it hands work over.
        settings.namespace().enterForThisThread(io.jlvs.sys.Syscalls.system());
        java.util.concurrent.ExecutorService reloads = java.util.concurrent.Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("jlvsd-reload").daemon(true).factory());
        // Its thread made now, from this one (in the namespace), not later from a signal's thread (outside it).
        reloads.execute(() -> { });
        // A SIGHUP during the start (minutes on a large table) is a reload after it, not the JVM's default exit.
        HangupGate hangups = new HangupGate();
        Signals.onHangup(hangups::hangup);
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Director director = Director.start(settings);
        director.failure().thenAccept(cause -> {
            failure.set(cause);
            stop.countDown();
        });
        Thread.setDefaultUncaughtExceptionHandler(new FatalThreads(director::failed));
        Thread hook = new Thread(director::close, "jlvsd-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        SystemdLifecycle systemd = SystemdLifecycle.started(director, System.getenv(), io.jlvs.sys.Syscalls.system());
        Signals.onTermination(stop::countDown);
        hangups.open(() -> reloads.execute(() -> {
            systemd.reloading();
            try {
                director.reload();
            } catch (ConfigurationRejectedException e) {
                // Logged by the director with file:line; the old configuration keeps running.
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Jlvsd.class).error("event=reload result=failed error=\"{}\"", e.toString());
            } finally {
                systemd.reloaded(director);
            }
        }));
        // From here a SIGHUP reloads at once (one during the start was kept for this moment): say so, for
        // supervisors and scripts that do not use systemd's notify socket.
        org.slf4j.LoggerFactory.getLogger(Jlvsd.class).info("event=ready signals=\"SIGHUP reloads, SIGTERM and SIGINT stop\"");
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        systemd.stopping();
        director.close();
        systemd.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the JVM is exiting anyway
        }
        if (failure.get() != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("jlvsd: stopped by an internal failure, addresses released: " + failure.get());
            err.flush();
            return ExitCodes.SOFTWARE;
        }
        return ExitCodes.OK;
    }

    /** ADDR:PORT ({@code [::1]:9470} for IPv6) by Guava's HostAndPort; ADDR a literal or a name. */
    static final class HostPort implements CommandLine.ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) throws Exception {
            com.google.common.net.HostAndPort hp;
            try {
                hp = com.google.common.net.HostAndPort.fromString(value);
            } catch (IllegalArgumentException e) {
                String port = value.substring(value.lastIndexOf(':') + 1);
                throw new CommandLine.TypeConversionException(String.valueOf(e.getMessage()).startsWith("Port number out of range")
                        ? "port must be 1..65535, got " + port
                        : "expected ADDR:PORT (e.g. 127.0.0.1:9470 or [::1]:9470), got '" + value + "': " + e.getMessage());
            }
            if (!hp.hasPort() || hp.getHost().isEmpty()) {
                throw new CommandLine.TypeConversionException("expected ADDR:PORT (e.g. 127.0.0.1:9470 or [::1]:9470), got '" + value + "'");
            }
            if (hp.getPort() < 1) {
                throw new CommandLine.TypeConversionException("port must be 1..65535, got " + hp.getPort());
            }
            String host = hp.getHost();
            try {
                return new InetSocketAddress(com.google.common.net.InetAddresses.isInetAddress(host)
                        ? com.google.common.net.InetAddresses.forString(host) : java.net.InetAddress.getByName(host), hp.getPort());
            } catch (java.net.UnknownHostException e) {
                throw new CommandLine.TypeConversionException("unknown address '" + host + "'");
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Jlvsd.class.getPackage().getImplementationVersion();
            return new String[] {"jlvsd " + (v == null ? "(development build)" : v)};
        }
    }
}
