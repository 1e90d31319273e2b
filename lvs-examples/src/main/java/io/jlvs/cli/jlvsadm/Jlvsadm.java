package io.jlvs.cli.jlvsadm;

import io.jlvs.ipvs.BatchResult;
import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.IpvsException;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.netlink.NetlinkException;
import io.jlvs.netlink.NetworkNamespace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * jlvsadm: ipvsadm's command line on the jLVS API. {@link #main} is the program (started by bin/jlvsadm);
 * {@link #run} does the same work on given streams and returns the exit status, for tests and for
 * embedding.
 *
 * <p>Exit status: 0 success; 1 the kernel refused or could not be asked (the typed reason is printed);
 * 2 the command line or the -R input is wrong (the message names the bad token, or the line).
 * Set JLVSADM_DEBUG=1 to get stack traces for unexpected failures.
 */
public final class Jlvsadm {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final ServicesDatabase services;

    private Jlvsadm(InputStream in, PrintStream out, PrintStream err, ServicesDatabase services) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.services = services;
    }

    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command line; returns the exit status. Never throws for a user's or the kernel's error. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return new Jlvsadm(in, out, err, ServicesDatabase.read(ServicesDatabase.SYSTEM)).run(Arrays.asList(args));
    }

    private int run(List<String> args) {
        IpvsadmParser parser = new IpvsadmParser(services);
        ParsedCommand command;
        List<RestoreReader.Line> restore = List.of();
        try {
            command = parser.parse(args);
            if (command.command() == Command.RESTORE) {
                restore = RestoreReader.read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), parser);
            }
        } catch (UsageException e) {
            err.println(e.getMessage());
            if (!e.getMessage().startsWith("line ")) {
                err.print(Usage.tryHelp());
            }
            return USAGE;
        } catch (IOException e) {
            err.println("cannot read the rules from standard input: " + e.getMessage());
            return FAILED;
        }
        switch (command.command()) {
            case HELP -> {
                out.print(Usage.text());
                return OK;
            }
            case VERSION -> {
                out.print(Usage.version());
                return OK;
            }
            default -> { }
        }
        NetworkNamespace namespace;
        try {
            namespace = command.global().netns().map(NetworkNamespace::named).orElse(NetworkNamespace.current());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        Optional<String> missing = command.global().netns().filter(n -> !Files.exists(Path.of("/run/netns", n)));
        if (missing.isPresent()) {
            // Said here because the library would report the failed open as "no IPVS" (ENOENT).
            err.println("network namespace '" + missing.get() + "' does not exist: no /run/netns/" + missing.get()
                    + " (see 'ip netns list')");
            return FAILED;
        }
        try (IpvsClient ipvs = IpvsClient.open(namespace)) {
            return execute(command, restore, ipvs, namespace);
        } catch (IpvsException | NetlinkException | IllegalArgumentException | IllegalStateException e) {
            // the kernel's typed refusals, and values or files the library could not take
            err.println(e.getMessage());
            return FAILED;
        } catch (RuntimeException | LinkageError e) {
            err.println("jlvsadm: unexpected failure: " + e);
            if ("1".equals(System.getenv("JLVSADM_DEBUG"))) {
                e.printStackTrace(err);
            }
            return FAILED;
        }
    }

    private int execute(ParsedCommand c, List<RestoreReader.Line> restore, IpvsClient ipvs, NetworkNamespace namespace) {
        switch (c.command()) {
            case LIST -> {
                if (c.has(Opt.CONNECTION)) {
                    out.print(new ConnectionText(c.has(ListFormat.PERSISTENT_CONN), names(c)).format(ConnectionText.read(namespace)));
                    return OK;
                }
                return list(c, ipvs);
            }
            case SAVE -> out.print(new RulesText(c.format(), names(c)).all(Table.read(ipvs)));
            case RESTORE -> {
                return restore(c, restore, ipvs);
            }
            case FLUSH -> ipvs.flush();
            case ADD_SERVICE -> ipvs.addService(c.virtualService().orElseThrow());
            case EDIT_SERVICE -> ipvs.editService(c.virtualService().orElseThrow());
            case DELETE_SERVICE -> ipvs.deleteService(c.service().orElseThrow());
            case ZERO -> c.service().ifPresentOrElse(ipvs::zero, ipvs::zeroAll);
            case ADD_SERVER -> ipvs.addRealServer(c.service().orElseThrow(), c.realServer().orElseThrow());
            case EDIT_SERVER -> ipvs.editRealServer(c.service().orElseThrow(), c.realServer().orElseThrow());
            case DELETE_SERVER -> ipvs.deleteRealServer(c.service().orElseThrow(), c.realServerAddress().orElseThrow());
            case SET_TIMEOUTS -> ipvs.setTimeouts(c.timeouts().orElseThrow());
            case START_DAEMON -> ipvs.startSyncDaemon(c.daemon().orElseThrow());
            case STOP_DAEMON -> ipvs.stopSyncDaemon(c.daemonState().orElseThrow());
            case HELP, VERSION -> throw new IllegalStateException("handled before opening IPVS");
        }
        return OK;
    }

    private int list(ParsedCommand c, IpvsClient ipvs) {
        boolean json = c.global().json();
        if (c.service().isPresent()) {
            Optional<ServiceEntry> entry = ipvs.service(c.service().get());
            if (entry.isEmpty()) {
                err.println("no such service " + c.service().get());
                return FAILED;
            }
            Table.Service service = Table.readService(entry.get(), ipvs);
            out.print(json ? new JsonText(c.format()).table(ipvs.info(), List.of(service))
                    : new TableText(c.format(), names(c)).one(service));
        } else if (c.has(Opt.TIMEOUT)) {
            out.print(json ? new JsonText(c.format()).timeouts(ipvs.timeouts()) : OtherText.timeouts(ipvs.timeouts()));
        } else if (c.has(Opt.DAEMON)) {
            out.print(json ? new JsonText(c.format()).daemons(ipvs.syncDaemons()) : OtherText.daemons(ipvs.syncDaemons()));
        } else {
            Table table = Table.read(ipvs);
            out.print(json ? new JsonText(c.format()).table(table.info(), table.services())
                    : new TableText(c.format(), names(c)).all(table));
        }
        return OK;
    }

    private int restore(ParsedCommand c, List<RestoreReader.Line> lines, IpvsClient ipvs) {
        boolean needsTable = c.global().dryRun() || lines.stream().anyMatch(l -> l.command().command() == Command.FLUSH);
        RestorePlan plan = RestorePlan.of(lines, needsTable ? Table.read(ipvs) : null);
        if (c.global().dryRun()) {
            out.print(plan.describe());
            return OK;
        }
        if (plan.steps().isEmpty()) {
            return OK;
        }
        BatchResult result = ipvs.apply(plan.batch());
        int status = OK;
        for (int i = 0; i < result.results().size(); i++) {
            BatchResult.OperationResult r = result.results().get(i);
            if (r.status() != BatchResult.Status.APPLIED) {
                String why = r.error().map(Throwable::getMessage).orElse(r.operation() + ": not sent");
                err.println("line " + plan.steps().get(i).line() + ": " + why);
                status = FAILED;
            }
        }
        return status;
    }

    private Names names(ParsedCommand c) {
        return c.has(ListFormat.NUMERIC) ? Names.numeric() : Names.resolving(services);
    }
}
