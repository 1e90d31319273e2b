package io.jlvs.ipvs;

import static io.jlvs.ipvs.TestAddresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Timeouts, SyncDaemon, IpvsInfo, Stats, ServiceEntry. */
class SettingsTest {

    @Test
    void unchangedTimeoutsAreAllZero() {
        assertEquals(Timeouts.ofSeconds(0, 0, 0), Timeouts.UNCHANGED);
        assertEquals("Timeout (tcp tcpfin udp): 900 120 300", Timeouts.ofSeconds(900, 120, 300).toString());
    }

    @Test
    void negativeOrFractionalTimeoutsAreRejectedNamingThem() {
        var e = assertThrows(IllegalArgumentException.class, () -> Timeouts.ofSeconds(900, -1, 300));
        assertTrue(e.getMessage().contains("tcpfin timeout -1"), e.getMessage());
        var f = assertThrows(IllegalArgumentException.class,
                () -> new Timeouts(Duration.ofMillis(10), Duration.ZERO, Duration.ZERO));
        assertTrue(f.getMessage().contains("tcp timeout PT0.01S"), f.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Timeouts.ofSeconds(0, 0, 1L << 31));
    }

    @Test
    void syncDaemonDefaultsAreTheKernels() {
        SyncDaemon d = SyncDaemon.master("eth0", 7);
        assertEquals(SyncDaemon.State.MASTER, d.state());
        assertEquals(0, d.syncMaxLength());
        assertEquals(Optional.empty(), d.multicastGroup());
        assertEquals(0, d.multicastPort());
        assertEquals(0, d.multicastTtl());
        assertEquals("master sync daemon (mcast=eth0, syncid=7)", d.toString());
    }

    @Test
    void syncDaemonPrintsAsIpvsadm() {
        SyncDaemon d = SyncDaemon.builder(SyncDaemon.State.BACKUP, "bond0").syncId(3).syncMaxLength(1400)
                .multicastGroup(ip("ff02::81")).multicastPort(8849).multicastTtl(2).build();
        assertEquals("backup sync daemon (mcast=bond0, syncid=3, maxlen=1400, group=ff02::81, port=8849, ttl=2)",
                d.toString());
    }

    @Test
    void syncDaemonStatesHaveKernelValues() {
        assertEquals(1, SyncDaemon.State.MASTER.kernelValue());
        assertEquals(SyncDaemon.State.BACKUP, SyncDaemon.State.fromKernel(2));
        assertThrows(IllegalArgumentException.class, () -> SyncDaemon.State.fromKernel(3));
    }

    @Test
    void syncIdAbove255IsRejectedNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> SyncDaemon.master("eth0", 256));
        assertTrue(e.getMessage().contains("sync id 256"), e.getMessage());
    }

    @Test
    void multicastGroupMustBeMulticast() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SyncDaemon.builder(SyncDaemon.State.MASTER, "eth0").multicastGroup(ip("10.0.0.1")).build());
        assertTrue(e.getMessage().contains("10.0.0.1"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "eth0:1", "a/b", "has space", "sixteen_chars_xx"})
    void badInterfaceNamesAreRejectedNamingThem(String name) {
        var e = assertThrows(IllegalArgumentException.class, () -> SyncDaemon.master(name, 0));
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
    }

    @Test
    void ttlAndPortRangesAreChecked() {
        assertThrows(IllegalArgumentException.class,
                () -> SyncDaemon.builder(SyncDaemon.State.MASTER, "eth0").multicastTtl(256).build());
        assertThrows(IllegalArgumentException.class,
                () -> SyncDaemon.builder(SyncDaemon.State.MASTER, "eth0").multicastPort(65536).build());
        assertThrows(IllegalArgumentException.class,
                () -> SyncDaemon.builder(SyncDaemon.State.MASTER, "eth0").syncMaxLength(65536).build());
    }

    @Test
    void infoShowsTheVersionDotted() {
        IpvsInfo info = new IpvsInfo(0x010201, 4096);
        assertEquals("1.2.1", info.versionString());
        assertEquals("IP Virtual Server version 1.2.1 (size=4096)", info.toString());
        assertThrows(IllegalArgumentException.class, () -> new IpvsInfo(-1, 4096));
    }

    @Test
    void statsZeroIsAllZero() {
        assertEquals(new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), Stats.ZERO);
    }

    @Test
    void serviceEntryExposesItsKey() {
        VirtualService s = VirtualService.builder(ServiceKey.udp(ip("10.0.0.1"), 53)).build();
        assertEquals(s.key(), new ServiceEntry(s, Stats.ZERO).key());
        assertThrows(NullPointerException.class, () -> new ServiceEntry(s, null));
    }
}
