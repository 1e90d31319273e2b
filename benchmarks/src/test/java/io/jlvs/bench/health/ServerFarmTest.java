package io.jlvs.bench.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ServerFarmTest {

    @Test
    void theChildServesAndStallsWhatItSaysAndItsCpuIsItsOwn() throws Exception {
        List<String> log = new ArrayList<>();
        try (ServerFarm farm = ServerFarm.start(3, 2, log::add)) {
            assertEquals(3, farm.serving().size());
            assertEquals(2, farm.stalled().size());
            assertEquals(HealthFanout.expected(farm.serving().get(0)), Verdict.UP);
            assertEquals(HealthFanout.expected(farm.stalled().get(0)), Verdict.TIMED_OUT);
            for (InetSocketAddress a : farm.serving()) {
                try (Socket s = new Socket()) {
                    s.connect(a, 5_000);   // accepted (and closed) by the child
                }
            }
            try (Socket s = new Socket()) {
                assertThrows(SocketTimeoutException.class, () -> s.connect(farm.stalled().get(0), 300),
                        "a stalled listener's full queue drops the SYN");
            }
            farm.checkServing();
            assertTrue(farm.cpuNanos() > 0, "a JVM that started has used CPU");
            assertTrue(log.get(0).contains("3 accepting and 2 stalled"), log.toString());
        }
    }

    @Test
    void aChildThatCannotStartSaysWhy() {
        IOException e = assertThrows(IOException.class, () -> ServerFarm.start(0, 0, line -> { }));
        assertTrue(e.getMessage().contains("listener count must be 1..62500, got 0"), e.getMessage());
    }
}
