package io.jlvs.director;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.director.internal.Role;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control socket's log-level command reaches the {@link LogLevels} the director was started with,
 * and a director started without one answers that its levels are fixed.
 */
class DirectorLogLevelTest {
    @TempDir
    Path dir;

    private String ask(Path socket, String request) throws Exception {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            Channels.newOutputStream(ch).write((request + "\n").getBytes(StandardCharsets.UTF_8));
            return new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8)).readLine();
        }
    }

    @Test
    void logLevelGoesToTheLevelsTheDirectorWasGiven() throws Exception {
        List<String> calls = new ArrayList<>();
        LogLevels levels = (logger, level) -> {
            calls.add(logger.orElse("-") + " " + level);
            return logger.orElse("root") + ": " + level + " (was info)";
        };
        Path socket = dir.resolve("jlvsd.sock");
        DirectorSettings settings = Fixtures.settings().controlSocket(socket).logLevels(levels).build();
        try (Director d = Director.start(settings, Fixtures.parts(new Fixtures.ScriptedLoader(Fixtures.web(1)),
                new MemoryKernel(), Role.ACTIVE))) {
            String answer = ask(socket, "{\"command\":\"log-level\",\"level\":\"Debug\",\"logger\":\"io.jlvs.health\"}");
            assertTrue(answer.contains("\"ok\":true") && answer.contains("io.jlvs.health: debug (was info)"), answer);
            assertEquals(List.of("io.jlvs.health debug"), calls);
        }
    }

    @Test
    void withoutLevelsTheAnswerSaysTheyAreFixed() throws Exception {
        Path socket = dir.resolve("jlvsd.sock");
        DirectorSettings settings = Fixtures.settings().controlSocket(socket).build();
        assertEquals(Optional.empty(), settings.logLevels());
        try (Director d = Director.start(settings, Fixtures.parts(new Fixtures.ScriptedLoader(Fixtures.web(1)),
                new MemoryKernel(), Role.ACTIVE))) {
            String answer = ask(socket, "{\"command\":\"log-level\",\"level\":\"debug\"}");
            assertTrue(answer.contains("\"ok\":false") && answer.contains("log levels are fixed"), answer);
        }
    }
}
