package io.jlvs.bench.table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import io.jlvs.bench.scale.RunContext;

/** What {@link ReloadableDaemon}s share: the configuration replaced in one rename, and SIGHUP. */
final class ConfigReload {
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);

    private ConfigReload() {
    }

    /** Writes {@code text} beside {@code file}, then renames it over {@code file} (atomic: never half read). */
    static void replace(Path file, String text) throws IOException {
        Path tmp = Files.writeString(file.resolveSibling(file.getFileName() + ".new"), text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** {@code kill -HUP pid}, a whole process, as an operator or systemd sends it; fails if kill does. */
    static void hangup(RunContext ctx, long pid) throws IOException, InterruptedException {
        ctx.command().run(KILL_TIMEOUT, List.of("kill", "-HUP", Long.toString(pid))).orThrow();
    }
}
