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
    void becomingActiveTakesAddressesThenAnnouncesThenProgramsServicesThenRunsHooks() {
        takeover().onRoleChange(change(Role.BACKUP, Role.ACTIVE));
        assertEquals(List.of("start addresses", "announce", "start services", "hook ACTIVE"), steps);
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
}
