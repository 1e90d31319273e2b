package io.jlvs.ipvs.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.ipvs.Timeouts;
import io.jlvs.testing.KernelNamespace;
import io.jlvs.testing.KernelTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Connection timeouts (IPVS_CMD_GET_CONFIG / SET_CONFIG), with {@code ipvsadm -L --timeout} as the witness. */
@KernelTest
class TimeoutsKernelIT {

    private static String ipvsadmTimeouts(KernelNamespace ns) {
        return ns.ipvsadm("-L", "--timeout").strip();
    }

    @Test
    void defaultsAreWhatIpvsadmShows(KernelNamespace ns) {
        Timeouts t = ns.ipvs().timeouts();

        assertEquals(Timeouts.ofSeconds(900, 120, 300), t);
        assertEquals("Timeout (tcp tcpfin udp): 900 120 300", ipvsadmTimeouts(ns));
    }

    @Test
    void timeoutsSetByTheApiAreWhatIpvsadmShows(KernelNamespace ns) {
        ns.ipvs().setTimeouts(Timeouts.ofSeconds(3600, 30, 45));

        assertEquals("Timeout (tcp tcpfin udp): 3600 30 45", ipvsadmTimeouts(ns));
    }

    @Test
    void timeoutsSetByIpvsadmAreWhatTheApiReads(KernelNamespace ns) {
        ns.ipvsadm("--set", "100", "20", "30");

        assertEquals(Timeouts.ofSeconds(100, 20, 30), ns.ipvs().timeouts());
    }

    @Test
    void zeroLeavesThatTimeoutUnchanged(KernelNamespace ns) {
        ns.ipvsadm("--set", "100", "20", "30");

        ns.ipvs().setTimeouts(new Timeouts(Duration.ZERO, Duration.ofSeconds(7), Duration.ZERO));

        assertEquals(Timeouts.ofSeconds(100, 7, 30), ns.ipvs().timeouts());
        assertEquals("Timeout (tcp tcpfin udp): 100 7 30", ipvsadmTimeouts(ns));
    }

    @Test
    void timeoutsBelongToTheNamespace(KernelNamespace ns, KernelNamespace other) {
        ns.ipvs().setTimeouts(Timeouts.ofSeconds(111, 22, 33));

        assertEquals(Timeouts.ofSeconds(900, 120, 300), other.ipvs().timeouts());
        assertEquals("Timeout (tcp tcpfin udp): 900 120 300", ipvsadmTimeouts(other));
    }
}
