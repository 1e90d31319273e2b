package io.jlvs.cli.jlvsctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * lvs.cf through the control socket, as the web console edits it: {@code config} reads the file jlvsd
 * runs with its SHA-256, {@code check-config} asks jlvsd what a proposed file would do (its
 * {@code file:line: key} diagnostics, or the plan, restart-only settings and warnings), and
 * {@code apply-config} writes it and reloads, only if the file is still the one the edit started from.
 */
final class ConfigCommands {
    private ConfigCommands() {
    }

    /** Reads a proposed file (UTF-8), or says which and why not. */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    abstract static class FileSub implements Callable<Integer> {
        @ParentCommand
        Jlvsctl parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", paramLabel = "FILE", description = "the proposed lvs.cf")
        Path file;

        String text() {
            try {
                return read(file);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    @Command(name = "config", description = "print the lvs.cf jlvsd runs (its path and SHA-256 go to stderr, for apply-config --base)")
    static final class Config implements Callable<Integer> {
        @ParentCommand
        Jlvsctl parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            return parent.send(cl, parent.request("config"), r -> {
                cl.getErr().println("# " + r.path("file").asText() + " sha256 " + r.path("sha256").asText());
                cl.getErr().flush();
                return r.path("text").asText();
            });
        }
    }

    @Command(name = "check-config", description = "what jlvsd would do with FILE as its lvs.cf: its diagnostics, or the"
            + " kernel operations, restart-only settings and warnings (nothing is written or applied)")
    static final class Check extends FileSub {
        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            int[] status = {0};
            int sent = parent.send(cl, parent.request("plan").put("config", text()), r -> {
                if (!r.path("valid").asBoolean(false)) {
                    status[0] = 1;
                    return lines(r.path("diagnostics"), "");
                }
                String ops = r.path("operations").isEmpty() ? "# no kernel operations\n" : lines(r.path("operations"), "");
                return ops + lines(r.path("warnings"), "") + Jlvsctl.waiting(r.path("restart_needed")).stripLeading();
            });
            return sent != 0 ? sent : status[0];
        }
    }

    @Command(name = "apply-config", description = "write FILE as jlvsd's lvs.cf (atomically, keeping lvs.cf.prev) and reload,"
            + " if the file jlvsd runs still has the SHA-256 given (from `jlvsctl config`)")
    static final class Apply extends FileSub {
        @Option(names = "--base", required = true, paramLabel = "SHA256",
                description = "the SHA-256 of the lvs.cf this edit started from, as `jlvsctl config` printed it")
        String base;

        @Override
        public Integer call() {
            return parent.send(spec.commandLine(), parent.request("apply-config").put("config", text()).put("base_sha256", base),
                    r -> (r.path("changed").asBoolean(true)
                            ? "applied: " + r.path("operations").asInt() + " kernel operation(s); previous file kept as "
                                    + r.path("previous").asText()
                            : "unchanged: the text was the file's already")
                            + "\nsha256 " + r.path("sha256").asText()
                            + Jlvsctl.waiting(r.path("restart_needed")));
        }
    }

    private static String lines(JsonNode list, String prefix) {
        StringBuilder sb = new StringBuilder();
        list.forEach(n -> sb.append(prefix).append(n.asText()).append('\n'));
        return sb.toString();
    }
}
