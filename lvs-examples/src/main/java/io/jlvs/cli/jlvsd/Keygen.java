package io.jlvs.cli.jlvsd;

import io.jlvs.failover.HeartbeatKeyFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jlvsd keygen [-o FILE]}: makes the heartbeat key a pair of directors shares. The file is
 * new (an existing one is never overwritten), mode 0600, 32 bytes from SecureRandom.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Write a new random heartbeat key (mode 0600) for heartbeat_key_file; never overwrites a file."
                + " Copy the same file to both directors.")
final class Keygen implements Callable<Integer> {
    static final Path DEFAULT_FILE = Path.of("/etc/jlvs/heartbeat.key");

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "where to write the key (default: ${DEFAULT-VALUE})")
    Path output = DEFAULT_FILE;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                Files.createDirectories(parent);
            }
            HeartbeatKeyFile.create(output);
        } catch (IOException e) {
            return ExitCodes.report(err, "jlvsd keygen", ExitCodes.CANT_CREATE, "cannot create the directory of " + output + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            return ExitCodes.report(err, "jlvsd keygen", ExitCodes.CANT_CREATE, e.getMessage());
        }
        out.println("jlvsd: wrote a new heartbeat key to " + output + " (mode 0600)");
        out.println("  copy it to the other director, keeping the mode: scp -p " + output + " OTHER:" + output);
        out.println("  and name it in lvs.cf on both: heartbeat_key_file = \"" + output.toAbsolutePath() + "\"");
        out.flush();
        return 0;
    }
}
