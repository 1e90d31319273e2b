package io.jlvs.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.director.DesiredTable;
import io.jlvs.director.ReconcileResult;
import io.jlvs.ipvs.InMemoryIpvs;
import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceEntry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ReconcilerSync} on {@link InMemoryIpvs}: the plans it makes and the table they leave. */
class ReconcilerSyncTest {
    private static final DesiredTable DESIRED = ReconcilerSync.desired(ReconcilerSync.EXAMPLE);

    /** The table as lines "TCP 10.23.8.80:80 wlc" and "  192.168.1.2:8080 Masq weight 3", in the model's order. */
    private static List<String> table(IpvsClient ipvs) {
        return ipvs.services().stream().map(ServiceEntry::service).sorted(java.util.Comparator.comparing(Object::toString))
                .flatMap(s -> java.util.stream.Stream.concat(java.util.stream.Stream.of(s.toString()),
                        ipvs.realServers(s.key()).stream().map(RealServerEntry::server).map(r -> "  " + r)
                                .sorted()))
                .toList();
    }

    @Test
    void theFirstSyncProgramsTheTableTheSecondPlansNothingAndHandEditsAreUndoneAsDrift() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (IpvsClient ipvs = new InMemoryIpvs().open()) {
            List<ReconcileResult> runs = ReconcilerSync.demonstrate(ipvs, DESIRED,
                    new PrintStream(printed, true, StandardCharsets.UTF_8));

            assertEquals(List.of(
                    "+ service TCP 10.23.8.80:80 wlc",
                    "+ real server TCP 10.23.8.80:80 -> 192.168.1.2:8080 Masq weight 3",
                    "+ real server TCP 10.23.8.80:80 -> 192.168.1.3:8080 Masq weight 1",
                    "+ service UDP 10.23.8.53:53 rr",
                    "+ real server UDP 10.23.8.53:53 -> 192.168.1.2:53 Masq weight 1",
                    "+ real server UDP 10.23.8.53:53 -> 192.168.1.3:53 Masq weight 1"), runs.get(0).plan().lines());
            assertTrue(runs.get(0).allApplied(), runs.get(0).toString());

            assertTrue(runs.get(1).wasInSync(), "idempotent: " + runs.get(1).plan());
            assertTrue(runs.get(1).result().isEmpty(), "an empty plan sends nothing");

            assertEquals(List.of(
                    "- service TCP 10.23.8.99:8080 wlc",
                    "~ real server TCP 10.23.8.80:80 -> 192.168.1.2:8080 weight 10 -> 3"), runs.get(2).plan().lines());
            assertEquals(runs.get(2).plan().steps(), runs.get(2).drift(), "every step undoes a hand edit");
            assertTrue(runs.get(2).allApplied(), runs.get(2).toString());

            assertEquals(List.of(
                    "TCP 10.23.8.80:80 wlc",
                    "  192.168.1.2:8080 Masq weight 3",
                    "  192.168.1.3:8080 Masq weight 1",
                    "UDP 10.23.8.53:53 rr",
                    "  192.168.1.2:53 Masq weight 1",
                    "  192.168.1.3:53 Masq weight 1"), table(ipvs));
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("sync again:\n  => in sync\n"), out);
        assertTrue(out.contains("- service TCP 10.23.8.99:8080 wlc   (drift: changed by someone else)\n"), out);
    }

    @Test
    void aPreviewReadsAndPlansButWritesNothing() {
        try (IpvsClient ipvs = new InMemoryIpvs().open()) {
            assertEquals(6, ReconcilerSync.preview(ipvs, DESIRED).size());
            assertEquals(List.of(), ipvs.services());
        }
    }

    @Test
    void theTableFileSkipsCommentsAndNamesABadLine() {
        DesiredTable one = ReconcilerSync.desired(List.of("# web", "", "tcp [2001:db8::1]:443 rr [2001:db8::2]:443*5  # v6"));
        assertEquals(1, one.realServerCount());
        assertEquals("TCP [2001:db8::1]:443", one.services().keySet().iterator().next().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReconcilerSync.desired(List.of("tcp 10.0.0.1:80")));
        assertTrue(e.getMessage().endsWith("got: tcp 10.0.0.1:80"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReconcilerSync.desired(List.of("tcp web.example:80 rr")));
    }
}
