package io.jlvs.director.internal;

import static io.jlvs.testing.Inet.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.ServiceKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The services a director created, remembered in a state file across restarts. */
class OwnedServicesTest {
    static final ServiceKey WEB = ServiceKey.tcp(ip("10.0.0.1"), 80);
    static final ServiceKey DNS6 = ServiceKey.udp(ip("2001:db8::1"), 53);
    static final ServiceKey MARK = ServiceKey.fwmark(-2, AddressFamily.INET);
    static final ServiceKey MARK6 = ServiceKey.fwmark(5, AddressFamily.INET6);

    @TempDir
    Path dir;

    @Test
    void whatIsClaimedIsRememberedByTheNextProcessOfTheSameBoot() {
        Path file = dir.resolve("sub/owned");
        OwnedServices first = OwnedServices.load(Optional.of(file), "boot-1");
        first.claim(List.of(WEB, DNS6, MARK, MARK6));
        first.release(List.of(DNS6));
        assertEquals(Set.of(WEB, MARK, MARK6), OwnedServices.load(Optional.of(file), "boot-1").keys());
    }

    @Test
    void aFileFromAnotherBootDescribesNothingAndIsIgnored() {
        Path file = dir.resolve("owned");
        OwnedServices.load(Optional.of(file), "boot-1").claim(List.of(WEB));
        assertEquals(Set.of(), OwnedServices.load(Optional.of(file), "boot-2").keys());
    }

    @Test
    void anUnreadableFileIsForgottenNotFatal() throws Exception {
        Path file = dir.resolve("owned");
        Files.writeString(file, "boot boot-1\nTCP 10.0.0.1:80\nnot a service\n");
        assertEquals(Set.of(), OwnedServices.load(Optional.of(file), "boot-1").keys());
    }

    @Test
    void retainOnlyForgetsWhatIsNoLongerInTheKernel() {
        Path file = dir.resolve("owned");
        OwnedServices owned = OwnedServices.load(Optional.of(file), "b");
        owned.claim(List.of(WEB, MARK));
        owned.retainOnly(Set.of(MARK, DNS6));
        assertEquals(Set.of(MARK), OwnedServices.load(Optional.of(file), "b").keys());
    }

    @Test
    void theFileIsReplacedWholeAndNothingIsLeftBeside() throws Exception {
        Path file = dir.resolve("owned");
        OwnedServices owned = OwnedServices.load(Optional.of(file), "b");
        for (int i = 1; i <= 20; i++) {
            owned.claim(List.of(ServiceKey.tcp(ip("10.0.0.1"), i)));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary files");
        }
        assertEquals(20, OwnedServices.load(Optional.of(file), "b").keys().size());
        assertTrue(Files.readString(file).startsWith("# jlvsd"));
    }

    @Test
    void anUnwritableFileDoesNotStopTheDirector() throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        OwnedServices owned = OwnedServices.load(Optional.of(blocker.resolve("owned")), "b");
        owned.claim(List.of(WEB)); // its directory is a file: logged, remembered in memory
        assertTrue(owned.contains(WEB));
    }

    @Test
    void serviceKeysReadBackAsWritten() {
        for (ServiceKey k : List.of(WEB, DNS6, MARK, MARK6, ServiceKey.sctp(ip("10.0.0.2"), 0))) {
            assertEquals(k, ServiceKeyText.parse(k.toString()), k.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> ServiceKeyText.parse("TCP example.com:80"));
        assertThrows(IllegalArgumentException.class, () -> ServiceKeyText.parse("FWM 5 IPv7"));
    }
}
