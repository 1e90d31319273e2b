package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.config.Configuration;
import io.jlvs.config.LvsCf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * check_alpha: the director hears DOWN for each server as the monitor starts watching it (the monitor
 * itself starts it down and says nothing until it comes up), once: a reload does not reset a server
 * already watched, and a server a reload adds starts down too. Without alpha, nothing is said.
 */
class AlphaStartTest {
    private static Configuration config(String alpha, String servers) throws Exception {
        return LvsCf.parse("lvs.cf", """
                keepalive = 60
                deadtime = 180
                virtual web {
                     address = 127.0.0.1
                     port = 9
                     %s
                %s}
                """.formatted(alpha, servers)).configuration();
    }

    private static String server(String name, int last) {
        return "     server " + name + " {\n         address = 127.0.0." + last + "\n     }\n";
    }

    @Test
    void alphaServersStartDownOnceEach() throws Exception {
        List<String> verdicts = Collections.synchronizedList(new ArrayList<>());
        // Only the director's own start-down verdicts: the monitor's first failed probes may report DOWN too,
        // at any moment, and they are not what this test is about.
        HealthPort.Sink sink = (ref, state) -> {
            if (state.reason().startsWith("alpha:")) {
                verdicts.add(ref.server().address().getHostAddress() + " " + state.status());
            }
        };
        try (MonitorHealthPort port = new MonitorHealthPort()) {
            port.watch(config("check_alpha = 1", server("a", 2) + server("b", 3)), sink);
            assertEquals(List.of("127.0.0.2 DOWN", "127.0.0.3 DOWN"), verdicts.stream().sorted().toList());
            verdicts.clear();
            port.watch(config("check_alpha = 1", server("a", 2) + server("b", 3) + server("c", 4)), sink);
            assertEquals(List.of("127.0.0.4 DOWN"), List.copyOf(verdicts), "only the server the reload added");
        }
        verdicts.clear();
        try (MonitorHealthPort port = new MonitorHealthPort()) {
            port.watch(config("", server("a", 2)), sink);
            assertEquals(List.of(), List.copyOf(verdicts), "without alpha, no start-down verdict");
        }
    }
}
