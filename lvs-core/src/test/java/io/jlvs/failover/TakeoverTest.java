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

    @Test
    void eachChangeLeavesItsStepsWithWallClockTimesForAFailoverTimeline() {
        Takeover t = Takeover.builder()
                .addresses(ActiveDuty.of(() -> Thread.sleep(20), () -> { }))
                .announce(() -> {
                    throw new IllegalStateException("no such interface");
                })
                .services(duty("services"))
                .hook(change -> steps.add("hook"))
                .build();
        assertEquals(List.of(), t.lastSteps());
        Instant before = Instant.now();
        t.onRoleChange(change(Role.BACKUP, Role.ACTIVE));
        Instant after = Instant.now();
        List<TakeoverStep> s = t.lastSteps();
        assertEquals(List.of("program services", "take addresses", "announce addresses", "hooks"),
                s.stream().map(TakeoverStep::name).toList());
        assertEquals(List.of(true, true, false, true), s.stream().map(TakeoverStep::done).toList());
        assertTrue(!s.get(0).began().isBefore(before) && !s.get(3).ended().isAfter(after), s::toString);
        for (int i = 1; i < s.size(); i++) {
            assertTrue(!s.get(i).began().isBefore(s.get(i - 1).ended()), s::toString);
        }
        assertTrue(s.get(1).took().toMillis() >= 20, s::toString);
        t.onRoleChange(change(Role.ACTIVE, Role.BACKUP));
        assertEquals(List.of("release addresses", "stop services", "hooks"),
                t.lastSteps().stream().map(TakeoverStep::name).toList());
    }

    /**
     * Packet sockets that are not: {@code socket} hands out a number and counts, {@code sendto} counts and
     * "sends" it all, every other call succeeds.
     */
    private static final class CountingSyscalls {
        final java.util.concurrent.atomic.AtomicInteger sockets = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger sends = new java.util.concurrent.atomic.AtomicInteger();
        final io.jlvs.sys.Syscalls sys = (io.jlvs.sys.Syscalls) java.lang.reflect.Proxy.newProxyInstance(
                io.jlvs.sys.Syscalls.class.getClassLoader(), new Class<?>[] {io.jlvs.sys.Syscalls.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "socket" -> 100 + sockets.incrementAndGet();
                    case "sendto" -> {
                        sends.incrementAndGet();
                        yield args[2];
                    }
                    default -> method.getReturnType() == long.class ? (Object) 0L : (Object) 0;
                });
    }

    @Test
    void standingByOpensTheAnnouncementsSocketsSoATakeoverSendsItsFirstArpWithoutMakingOne() {
        Floating f = new Floating();
        CountingSyscalls counting = new CountingSyscalls();
        Takeover t = Takeover.builder()
                .floatingAddresses(f.manager, Announcer.builder(f.fake.client()).syscalls(counting.sys).count(1).build())
                .build();
        t.onRoleChange(change(Role.INIT, Role.BACKUP));
        assertEquals(1, counting.sockets.get(), "the socket for eth0 is opened while standing by");
        assertEquals(0, counting.sends.get(), "nothing is announced while standing by");
        t.onRoleChange(change(Role.BACKUP, Role.ACTIVE));
        assertEquals(1, counting.sockets.get(), "the takeover made no socket of its own");
        assertEquals(1, counting.sends.get(), t.lastTimeline());
        assertTrue(f.present(f.vip1));
    }

    @Test
    void preparingOnAMissingInterfaceIsNotAFailureAndTheTakeoverStillAnnouncesWhenItIsThere() {
        Floating f = new Floating();
        CountingSyscalls counting = new CountingSyscalls();
        FloatingAddress elsewhere = Floating.vip("10.0.0.102", "eth9");
        Announcer announcer = Announcer.builder(f.fake.client()).syscalls(counting.sys).count(1).build();
        announcer.prepare(List.of(elsewhere, f.vip1));
        assertEquals(1, counting.sockets.get(), "eth0 prepared, eth9 (missing) skipped");
        announcer.announce(List.of(f.vip1));
        assertEquals(1, counting.sockets.get());
        assertEquals(1, counting.sends.get());
        announcer.close();
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

