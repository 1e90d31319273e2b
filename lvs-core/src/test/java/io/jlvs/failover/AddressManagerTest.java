package io.jlvs.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.failover.AddressManager.Ownership;
import io.jlvs.failover.AddressOutcome.Result;
import io.jlvs.netlink.route.FakeRouteKernel;
import io.jlvs.netlink.route.InterfaceAddress;
import io.jlvs.sys.Errno;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Taking and releasing floating addresses as a unit, against a stateful fake rtnetlink. */
class AddressManagerTest {
    private final FakeRouteKernel fake = new FakeRouteKernel()
            .withLink(2, "eth0", "02:00:5e:10:00:01")
            .withLink(3, "eth1", "02:00:5e:10:00:02")
            .withAddress(2, "10.0.0.1", 24, "eth0")
            .withAddress(3, "192.168.1.1", 24, "eth1");
    private final FloatingAddress vip = FloatingAddress.onDevice(FloatingAddress.Kind.VIRTUAL_IP, ip("10.0.0.100"), 24, "eth0:1");
    private final FloatingAddress gateway = FloatingAddress.onDevice(FloatingAddress.Kind.NAT_ROUTER, ip("192.168.1.254"), 24, "eth1:1");

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private boolean present(FloatingAddress a) {
        return fake.addresses().stream().anyMatch(x -> x.matches(a.address()));
    }

    @Test
    void aPiranhaDeviceNamesTheInterfaceAndTheLabel() {
        assertEquals(new InterfaceAddress("eth0", ip("10.0.0.100"), 24, "eth0:1"), vip.address());
        assertEquals("eth0", FloatingAddress.onDevice(FloatingAddress.Kind.VIRTUAL_IP, ip("10.0.0.100"), 24, "eth0").address().label());
    }

    @Test
    void takeAddsEveryAddressAndReleaseRemovesThem() {
        AddressManager manager = new AddressManager(fake.client(), List.of(vip, gateway));

        AddressReport taken = manager.take();
        assertEquals(List.of(vip, gateway), taken.with(Result.ADDED));
        assertTrue(present(vip) && present(gateway));
        assertEquals("eth1:1", fake.addresses().stream().filter(a -> a.matches(gateway.address())).findFirst().orElseThrow().label());
        assertTrue(manager.holdsAll());
        assertEquals(Map.of(vip, true, gateway, true), manager.ownership());

        AddressReport released = manager.release();
        assertEquals(List.of(gateway, vip), released.with(Result.REMOVED), "reverse order");
        assertFalse(present(vip) || present(gateway));
        assertFalse(manager.holdsAny());
        assertTrue(manager.added().isEmpty());
    }

    @Test
    void takeAndReleaseAreSafeToRepeat() {
        AddressManager manager = new AddressManager(fake.client(), List.of(vip));
        manager.take();
        AddressReport again = manager.take();
        assertEquals(List.of(vip), again.with(Result.ALREADY_PRESENT));
        assertEquals(1, fake.addresses().stream().filter(a -> a.matches(vip.address())).count());

        manager.release();
        AddressReport releasedAgain = manager.release();
        assertEquals(List.of(vip), releasedAgain.with(Result.NOT_PRESENT));
    }

    @Test
    void anAddressSomeoneElseAddedIsLeftInPlaceOnRelease() {
        fake.withAddress(2, "10.0.0.100", 24, "eth0:1");
        AddressManager manager = new AddressManager(fake.client(), List.of(vip, gateway));

        assertEquals(List.of(vip), manager.take().with(Result.ALREADY_PRESENT));
        AddressReport released = manager.release();

        assertEquals(List.of(vip), released.with(Result.LEFT_IN_PLACE));
        assertEquals(List.of(gateway), released.with(Result.REMOVED));
        assertTrue(present(vip));
    }

    @Test
    void adoptingExistingAddressesReleasesThemToo() {
        fake.withAddress(2, "10.0.0.100", 24, "eth0:1");
        AddressManager manager = new AddressManager(fake.client(), List.of(vip), Ownership.ADOPT_EXISTING);
        manager.take();
        assertEquals(List.of(vip), manager.release().with(Result.REMOVED));
        assertFalse(present(vip));
    }

    @Test
    void allConfiguredClearsStaleAddressesWithoutATake() {
        fake.withAddress(2, "10.0.0.100", 24, "eth0:1");
        AddressManager manager = new AddressManager(fake.client(), List.of(vip, gateway), Ownership.ALL_CONFIGURED);
        AddressReport released = manager.release();
        assertEquals(List.of(vip), released.with(Result.REMOVED));
        assertEquals(List.of(gateway), released.with(Result.NOT_PRESENT));
        assertFalse(present(vip));
    }

    @Test
    void aFailureIsReportedWithWhatWasAppliedAndNothingIsRolledBack() {
        fake.refusing("10.0.0.100", Errno.EPERM);
        FloatingAddress missing = FloatingAddress.onDevice(FloatingAddress.Kind.VIRTUAL_IP, ip("10.0.9.1"), 24, "eth9:1");
        AddressManager manager = new AddressManager(fake.client(), List.of(vip, gateway, missing));

        FloatingAddressException e = assertThrows(FloatingAddressException.class, manager::take);

        AddressReport report = e.report();
        assertEquals(List.of(gateway), report.with(Result.ADDED));
        assertEquals(List.of(vip, missing), report.with(Result.FAILED));
        assertTrue(report.failures().get(0).error().contains("CAP_NET_ADMIN"), report.failures().get(0).error());
        assertTrue(report.failures().get(1).error().startsWith("interface eth9 does not exist"), report.failures().get(1).error());
        assertTrue(e.getMessage().startsWith("take floating addresses failed for 2 of 3 addresses"), e.getMessage());
        assertTrue(present(gateway), "the applied address stays: the caller decides");
        assertEquals(java.util.Set.of(gateway), manager.added());
    }

    @Test
    void theSameAddressTwiceOnOneInterfaceIsAConfigurationError() {
        FloatingAddress again = FloatingAddress.onDevice(FloatingAddress.Kind.VIRTUAL_IP, ip("10.0.0.100"), 24, "eth0:2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AddressManager(fake.client(), List.of(vip, again)));
        assertEquals("floating address 10.0.0.100 on eth0 is configured twice", e.getMessage());
    }

    @Test
    void aReloadWhileHoldingTakesTheNewAddressReleasesTheGoneOneAndLeavesTheRest() {
        FloatingAddress vip2 = FloatingAddress.onDevice(FloatingAddress.Kind.VIRTUAL_IP, ip("10.0.0.101"), 24, "eth0:2");
        AddressManager manager = new AddressManager(fake.client(), List.of(vip, gateway));
        manager.take();

        AddressReport report = manager.reconfigure(List.of(vip2, gateway), true);

        assertEquals(List.of(vip), report.with(Result.REMOVED));
        assertEquals(List.of(vip2), report.with(Result.ADDED));
        assertFalse(present(vip));
        assertTrue(present(vip2) && present(gateway));
        assertEquals(List.of(vip2, gateway), manager.addresses());
        assertEquals(java.util.Set.of(vip2, gateway), manager.added());
        manager.release();
        assertFalse(present(vip2) || present(gateway), "a later release covers the new list");
    }

    @Test
    void aReloadWhileNotHoldingOnlyChangesTheList() {
        FloatingAddress vip2 = FloatingAddress.onDevice(FloatingAddress.Kind.VIRTUAL_IP, ip("10.0.0.101"), 24, "eth0:2");
        AddressManager manager = new AddressManager(fake.client(), List.of(vip, gateway));

        AddressReport report = manager.reconfigure(List.of(vip2), false);

        assertEquals(List.of(gateway, vip), report.with(Result.NOT_PRESENT));
        assertTrue(report.with(Result.ADDED).isEmpty());
        assertFalse(present(vip2), "a backup never takes an address on reload");
        manager.take();
        assertTrue(present(vip2) && !present(vip) && !present(gateway), "the next take uses the new list");
    }

    @Test
    void aChangedPrefixIsARemovalAndAnAddition() {
        FloatingAddress wider = FloatingAddress.onDevice(FloatingAddress.Kind.VIRTUAL_IP, ip("10.0.0.100"), 16, "eth0:1");
        AddressManager manager = new AddressManager(fake.client(), List.of(vip));
        manager.take();

        AddressReport report = manager.reconfigure(List.of(wider), true);

        assertEquals(List.of(vip), report.with(Result.REMOVED));
        assertEquals(List.of(wider), report.with(Result.ADDED));
        assertEquals(16, fake.addresses().stream().filter(a -> a.matches(wider.address())).findFirst().orElseThrow()
                .prefixLength());
        assertThrows(IllegalArgumentException.class, () -> manager.reconfigure(List.of(vip, vip), true));
        assertEquals(List.of(wider), manager.addresses(), "a refused list changes nothing");
    }

    @Test
    void manyAddressesAreTakenAndReleasedInAFewSendsNotARoundTripEach() {
        List<FloatingAddress> vips = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            vips.add(FloatingAddress.onDevice(FloatingAddress.Kind.VIRTUAL_IP, ip("10.1." + (i >> 8) + "." + (i & 0xff)), 32, "eth0:1"));
        }
        AddressManager manager = new AddressManager(fake.client(), vips, Ownership.ALL_CONFIGURED);
        int before = fake.kernel().datagramsReceived();

        assertEquals(vips, manager.take().with(Result.ADDED));
        // One interface lookup, then 1,000 RTM_NEWADDR at most 512 to a datagram.
        assertEquals(3, fake.kernel().datagramsReceived() - before, "datagrams sent to take 1,000 addresses");
        assertTrue(vips.stream().allMatch(this::present));

        before = fake.kernel().datagramsReceived();
        assertEquals(vips.reversed(), manager.release().with(Result.REMOVED));
        assertEquals(3, fake.kernel().datagramsReceived() - before, "datagrams sent to release them");
        assertTrue(vips.stream().noneMatch(this::present));
    }
}
