package io.jlvs.console;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * jlvs-console: {@code serve --config FILE} runs the web console; {@code passwd USER} sets a user's
 * password and role in the users file. Exit status: 0 done, 1 failed (the message says why), 2 bad
 * command line.
 */
@Command(name = "jlvs-console", mixinStandardHelpOptions = true, versionProvider = JlvsConsole.Version.class,
        description = "The web console for jlvsd: a client of jlvsd's control socket, never root.",
        subcommands = {JlvsConsole.Serve.class, JlvsConsole.Passwd.class})
public final class JlvsConsole {
    private JlvsConsole() {
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new JlvsConsole()).setOut(out).setErr(err);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println("jlvs-console: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return cl.execute(args);
    }

    @Command(name = "serve", description = "Run the console with the settings in FILE (docs/console.md).")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the console's settings")
        Path config;

        @Override
        public Integer call() throws Exception {
            // The launcher a package installs runs whatever user started it: the console itself refuses root.
            if (Integer.valueOf(0).equals(java.nio.file.Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
                throw new IllegalStateException("refusing to serve as root; run it as its own user (jlvs-console(8),"
                        + " docs/console.md 'Setting it up')");
            }
            ConsoleServer server = ConsoleServer.start(ConsoleConfig.load(config));
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stop.countDown();
            }, "jlvs-console-stop"));
            stop.await();
            return 0;
        }
    }

    @Command(name = "passwd", description = "Set USER's password (asked twice) and role in the users file.")
    static final class Passwd implements Callable<Integer> {
        @Parameters(paramLabel = "USER")
        String user;
        @Option(names = "--role", paramLabel = "viewer|operator", defaultValue = "viewer", description = "default: ${DEFAULT-VALUE}")
        String role;
        @Option(names = "--users", paramLabel = "FILE", defaultValue = "/etc/jlvs/console-users", description = "default: ${DEFAULT-VALUE}")
        Path users;
        @Option(names = "--stdin", description = "read the password once, from the first line of standard input (for scripts)")
        boolean stdin;
        @Option(names = "--memory", paramLabel = "KIB", defaultValue = "65536",
                description = "Argon2id memory per hash in KiB, 8 to 1048576 (default: ${DEFAULT-VALUE}, RFC 9106's 64 MiB)")
        int memoryKib;
        @Option(names = "--passes", paramLabel = "N", defaultValue = "3", description = "Argon2id passes over that memory, 1 to 20 (default: ${DEFAULT-VALUE})")
        int passes;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            UsersFile.checkName(user);
            Role r = Role.parse(role);
            PasswordHash.Cost cost = new PasswordHash.Cost(memoryKib, passes);
            if (cost.weakerThanRecommended()) {
                spec.commandLine().getErr().println("jlvs-console: warning: " + memoryKib + " KiB and " + passes
                        + " pass(es) per hash make the password quicker to guess than RFC 9106's "
                        + PasswordHash.Cost.RECOMMENDED.memoryKib() + " KiB and " + PasswordHash.Cost.RECOMMENDED.passes() + " passes");
            }
            char[] password = stdin ? fromStdin() : fromConsole();
            try {
                if (password.length < 8) {
                    throw new IllegalArgumentException("a password has at least 8 characters");
                }
                UsersFile.put(users, new UsersFile.User(user, r, PasswordHash.hash(password, cost)));
            } finally {
                Arrays.fill(password, '\0');
            }
            spec.commandLine().getOut().println("jlvs-console: " + user + " (" + r.word() + ") set in " + users);
            return 0;
        }

        private static char[] fromStdin() throws IOException {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new IllegalArgumentException("--stdin: no password on standard input");
            }
            return line.toCharArray();
        }

        private char[] fromConsole() {
            Console console = System.console();
            if (console == null) {
                throw new IllegalArgumentException("no terminal to ask the password on: use --stdin to read it from standard input");
            }
            char[] first = console.readPassword("Password for %s: ", user);
            char[] second = console.readPassword("Again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new IllegalArgumentException("the two passwords differ; nothing changed");
            }
            Arrays.fill(second, '\0');
            return first;
        }
    }

    /** The jar's Implementation-Version, as jlvsd and jlvsctl print theirs. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = JlvsConsole.class.getPackage().getImplementationVersion();
            return new String[] {"jlvs-console " + (v == null ? "(development build)" : v)};
        }
    }
}
