package io.jlvs.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TakeoverTest {
    private final List<String> steps = new ArrayList<>();

    private ActiveDuty duty(String name) {
        return ActiveDuty.of(() -> steps.add("start " + name), () -> steps.add("stop " + name));
    }

    private Takeover takeover() {
        return Takeover.builder()
                .addresses(duty("addresses"))
                .announce(() -> steps.add("announce"))
                .services(duty("services"))
                .hook(change -> steps.add("hook " + change.current()))
                .build();
    }

    private static RoleChange change(Role from, Role to) {
        return new RoleChange(from, to, "test", Instant.EPOCH);
    }

    @Test
    void becomingActiveProgramsServicesThenTakesAddressesThenAnnouncesThenRunsHooks() {
        takeover().onRoleChange(change(Role.BACKUP, Role.ACTIVE));
        // services first: a VIP announced before its service exists would reset synced connections
        assertEquals(List.of("start services", "start addresses", "announce", "hook ACTIVE"), steps);
    }

    @Test
    void leavingActiveReleasesAddressesFirst() {
        takeover().onRoleChange(change(Role.ACTIVE, Role.FAULT));
        assertEquals(List.of("stop addresses", "stop services", "hook FAULT"), steps);
    }

    @Test
    void changesThatDoNotTouchActiveOnlyRunHooks() {
        Takeover t = takeover();
        t.onRoleChange(change(Role.INIT, Role.BACKUP));
        t.onRoleChange(change(Role.BACKUP, Role.FAULT));
        t.onRoleChange(change(Role.FAULT, Role.STOPPED));
        assertEquals(List.of("hook BACKUP", "hook FAULT", "hook STOPPED"), steps);
    }

    @Test
    void aFailingStepIsRecordedAndTheOthersStillRun() {
        Takeover t = Takeover.builder()
                .addresses(ActiveDuty.of(() -> {
                    throw new IllegalStateException("eth0 has gone");
                }, () -> steps.add("stop addresses")))
                .announce(() -> steps.add("announce"))
                .services(duty("services"))
                .build();
        t.onRoleChange(change(Role.BACKUP, Role.ACTIVE));
        // Nothing to announce without the addresses; the services are still programmed.
        assertEquals(List.of("start services"), steps);
        assertEquals(1, t.failures().size());
        assertTrue(t.failures().get(0).contains("take addresses") && t.failures().get(0).contains("eth0 has gone"),
                t.failures()::toString);
        t.onRoleChange(change(Role.ACTIVE, Role.BACKUP));
        assertEquals(List.of("start services", "stop addresses", "stop services"), steps);
    }

    @Test
    void eachChangeLeavesATimelineOfItsStepsFailedOnesIncluded() {
        Takeover t = Takeover.builder()
                .addresses(ActiveDuty.of(() -> {
                    throw new IllegalStateException("eth0 has gone");
                }, () -> { }))
                .services(duty("services"))
                .build();
        assertEquals("", t.lastTimeline());
        t.onRoleChange(change(Role.BACKUP, Role.ACTIVE));
        assertTrue(t.lastTimeline().matches("BACKUP -> ACTIVE took \\d+ ms: program services \\d+ ms, "
                + "take addresses FAILED after \\d+ ms"), t.lastTimeline());
        t.onRoleChange(change(Role.ACTIVE, Role.BACKUP));
        assertTrue(t.lastTimeline().matches("ACTIVE -> BACKUP took \\d+ ms: release addresses \\d+ ms, stop services \\d+ ms"),
                t.lastTimeline());
    }

    /** Floating addresses on a fake rtnetlink; the announcement is recorded (a unit test sends no frame). */
    private static final class Floating {
        final io.jlvs.netlink.route.FakeRouteKernel fake = new io.jlvs.netlink.route.FakeRouteKernel()
                .withLink(2, "eth0", "02:00:5e:10:00:01").withAddress(2, "10.0.0.1", 24, "eth0");
        final FloatingAddress vip1 = vip("10.0.0.100", "eth0:1");
        final FloatingAddress vip2 = vip("10.0.0.101", "eth0:2");
        final AddressManager manager = new AddressManager(fake.client(), List.of(vip1));
        final List<String> announced = new ArrayList<>();
        final Takeover takeover = Takeover.builder()
                .floatingAddresses(manager, Announcer.builder(fake.client()).build())
                .announce(() -> announced.add(manager.addresses().toString()))
                .build();

        static FloatingAddress vip(String ip, String device) {
            try {
                return FloatingAddress.onDevice(FloatingAddress.Kind.VIRTUAL_IP, java.net.InetAddress.getByName(ip), 24, device);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }

        boolean present(FloatingAddress a) {
            return fake.addresses().stream().anyMatch(x -> x.matches(a.address()));
        }
    }

    @Test
    void aReloadWhileActiveTakesAndAnnouncesTheNewAddressesAndReleasesTheGoneOnes() {
        Floating f = new Floating();
        f.takeover.onRoleChange(change(Role.BACKUP, Role.ACTIVE));
        f.announced.clear();

        f.takeover.reconfigureAddresses(List.of(f.vip2));

        assertTrue(f.present(f.vip2) && !f.present(f.vip1));
        assertEquals(List.of(List.of(f.vip2).toString()), f.announced, "the whole new list is announced");
        f.takeover.onRoleChange(change(Role.ACTIVE, Role.BACKUP));
        assertTrue(!f.present(f.vip2), "leaving ACTIVE releases what the reload took");
    }

    @Test
    void aReloadWhileBackupNeitherTakesNorAnnounces() {
        Floating f = new Floating();
        f.takeover.onRoleChange(change(Role.INIT, Role.BACKUP));

        f.takeover.reconfigureAddresses(List.of(f.vip1, f.vip2));

        assertTrue(!f.present(f.vip1) && !f.present(f.vip2));
        assertEquals(List.of(), f.announced);
        f.takeover.onRoleChange(change(Role.BACKUP, Role.ACTIVE));
        assertTrue(f.present(f.vip1) && f.present(f.vip2), "becoming ACTIVE takes the reloaded list");
    }

    @Test
    void onlyATakeoverThatOwnsItsAddressesCanReconfigureThem() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> takeover().reconfigureAddresses(List.of()));
    }
}

