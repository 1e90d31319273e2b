package io.jlvs.cli.jlvsctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jlvs.director.ControlClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/**
 * {@code jlvsctl [-s PATH] status|drain|weight|enable|disable|reload|plan|log-level}: asks a running jlvsd.
 * Exit status: 0 done; 1 jlvsd refused or could not be reached (the message says why); 2 a bad
 * command line.
 */
@Command(name = "jlvsctl", mixinStandardHelpOptions = true, versionProvider = Jlvsctl.Version.class,
        description = "Control a running jlvsd over its control socket.",
        subcommands = {Jlvsctl.Status.class, Jlvsctl.Drain.class, Jlvsctl.Weight.class, Jlvsctl.Enable.class,
                Jlvsctl.Disable.class, Jlvsctl.Reload.class, Jlvsctl.Plan.class, ConfigCommands.Config.class,
                ConfigCommands.Check.class, ConfigCommands.Apply.class, Jlvsctl.LogLevel.class})
public final class Jlvsctl implements Callable<Integer> {
    static final String DEFAULT_SOCKET = "/run/jlvsd/jlvsd.sock";

    @Option(names = {"-s", "--socket"}, paramLabel = "PATH", description = "jlvsd's control socket (default: ${DEFAULT-VALUE})")
    Path socket = Path.of(DEFAULT_SOCKET);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Parses and runs {@code args}; returns the exit status (also the ahead-of-time cache's training run). */
    public static int run(String... args) {
        return new CommandLine(new Jlvsctl()).execute(args);
    }

    /** Runs with its output and errors going to the given writers (tests). */
    static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return new CommandLine(new Jlvsctl()).setOut(out).setErr(err).execute(args);
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: status, drain, weight, enable, disable, reload, plan, config, check-config, apply-config or log-level");
    }

    /** Sends the request; prints the result with {@code print}, or the error to stderr. */
    int send(CommandLine cl, ObjectNode request, java.util.function.Function<JsonNode, String> print) {
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        try {
            JsonNode result = client().call(request);
            String text = print.apply(result);
            if (!text.isEmpty()) {
                out.print(text.endsWith("\n") ? text : text + "\n");
            }
            out.flush();
            return 0;
        } catch (ControlClient.ControlException e) {
            err.println("jlvsctl: " + e.getMessage());
            e.diagnostics().stream().filter(d -> !e.getMessage().contains(d)).forEach(err::println);   // file:line: key: what
            err.flush();
            return 1;
        }
    }

    ObjectNode request(String command) {
        return client().request(command);
    }

    private ControlClient client() {
        return new ControlClient(socket, "give its --control-socket PATH with -s PATH",
                "run jlvsctl as root or as a member of jlvsd's --control-group");
    }

    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        Jlvsctl parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
    }

    abstract static class ServerSub extends Sub {
        @Parameters(index = "0", paramLabel = "SERVICE", description = "the virtual service: its lvs.cf name or e.g. tcp:10.0.0.1:80")
        String service;
        @Parameters(index = "1", paramLabel = "SERVER", description = "the real server: its lvs.cf name or address:port")
        String server;

        ObjectNode request(String command) {
            return parent.request(command).put("service", service).put("server", server);
        }
    }

    @Command(name = "status", description = "role, peers, services and real servers with health and weight")
    static final class Status extends Sub {
        @Option(names = "--json", description = "print jlvsd's answer as JSON")
        boolean json;

        @Override
        public Integer call() {
            return parent.send(spec.commandLine(), parent.request("status"),
                    r -> json ? r.toPrettyString() : StatusText.format(r));
        }
    }

    @Command(name = "drain", description = "weight 0, wait for active connections to end (or the timeout), then take the server out")
    static final class Drain extends ServerSub {
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "longest wait (default: ${DEFAULT-VALUE})")
        double timeout;

        @Override
        public Integer call() {
            if (!(timeout >= 0) || timeout > 86_400) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be 0..86400 seconds, not " + timeout);
            }
            return parent.send(spec.commandLine(), request("drain").put("timeout_seconds", timeout), r ->
                    r.path("drained").asBoolean()
                            ? server + " drained and taken out of " + service
                            : server + " taken out of " + service + " after the timeout with "
                                    + r.path("activeConnections").asInt() + " active connection(s) left");
        }
    }

    @Command(name = "weight", description = "set a real server's weight (until changed again or a reload drops the server)")
    static final class Weight extends ServerSub {
        @Parameters(index = "2", paramLabel = "N", description = "the weight, 0..65535 (as lvs.cf's weight)")
        int weight;
        /** As lvs.cf's {@code weight} and ipvsadm; jlvsd refuses more too. */
        static final int MAX_WEIGHT = 65535;

        @Override
        public Integer call() {
            if (weight < 0 || weight > MAX_WEIGHT) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "weight must be 0.." + MAX_WEIGHT + " (as lvs.cf's weight), not " + weight);
            }
            return parent.send(spec.commandLine(), request("weight").put("weight", weight), r -> "");
        }
    }

    @Command(name = "enable", description = "let a disabled or drained real server back in")
    static final class Enable extends ServerSub {
        @Override
        public Integer call() {
            return parent.send(spec.commandLine(), request("enable"), r -> "");
        }
    }

    @Command(name = "disable", description = "take a real server out now")
    static final class Disable extends ServerSub {
        @Override
        public Integer call() {
            return parent.send(spec.commandLine(), request("disable"), r -> "");
        }
    }

    @Command(name = "reload", description = "re-read the configuration file (a broken file is reported and the running one kept)")
    static final class Reload extends Sub {
        @Override
        public Integer call() {
            return parent.send(spec.commandLine(), parent.request("reload"),
                    r -> "reloaded: " + r.path("operations").asInt() + " kernel operation(s) applied"
                            + waiting(r.path("restart_needed")));
        }
    }

    /** "; a restart is needed for: keepalive (2s -> 1s), ..." when the reload left settings waiting. */
    static String waiting(com.fasterxml.jackson.databind.JsonNode list) {
        if (!list.isArray() || list.isEmpty()) {
            return "";
        }
        java.util.List<String> items = new java.util.ArrayList<>();
        list.forEach(n -> items.add(n.asText()));
        return "\njlvsctl: not applied until jlvsd restarts: " + String.join(", ", items);
    }

    @Command(name = "plan", description = "what jlvsd would change in the kernel now")
    static final class Plan extends Sub {
        @Override
        public Integer call() {
            return parent.send(spec.commandLine(), parent.request("plan"), r -> {
                if (r.isEmpty()) {
                    return "# no changes";
                }
                StringBuilder sb = new StringBuilder();
                r.forEach(op -> sb.append(op.asText()).append('\n'));
                return sb.toString();
            });
        }
    }

    @Command(name = "log-level", description = "change jlvsd's log level while it runs, for all of it or one logger"
            + " (e.g. io.jlvs.health); until the next change or restart")
    static final class LogLevel extends Sub {
        @Parameters(index = "0", paramLabel = "LEVEL", description = "trace, debug, info, warn, error or off")
        String level;
        @Parameters(index = "1", paramLabel = "LOGGER", arity = "0..1", description = "a logger or package name (default: all)")
        String logger;

        @Override
        public Integer call() {
            ObjectNode request = parent.request("log-level").put("level", level);
            if (logger != null) {
                request.put("logger", logger);
            }
            return parent.send(spec.commandLine(), request, r -> r.path("changed").asText());
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Jlvsctl.class.getPackage().getImplementationVersion();
            return new String[] {"jlvsctl " + (v == null ? "(development build)" : v)};
        }
    }
}
