package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlvs.netlink.route.Link;
import io.jlvs.netlink.route.OperState;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** monitor_links: which link states are a fault, and that the fault clears when the link returns. */
class LinkTrackingTest {
    private static Link link(int index, String name, boolean up, OperState state) {
        return new Link(index, name, null, up, state, 1500);
    }

    @Test
    void aTrackedLinkDownWithoutCarrierOrGoneIsAFaultAndItsReturnClearsIt() {
        LinkTracking t = new LinkTracking(Set.of("eth0", "eth1"));
        Link lo = link(1, "lo", true, OperState.UNKNOWN);
        Link eth0 = link(2, "eth0", true, OperState.UP);
        Link eth1 = link(3, "eth1", true, OperState.UP);
        assertEquals(Optional.empty(), t.fault(), "healthy before the first list");
        t.update(List.of(lo, eth0, eth1));
        assertEquals(Optional.empty(), t.fault());
        t.update(List.of(lo, link(2, "eth0", false, OperState.DOWN), eth1));
        assertEquals(Optional.of("eth0 is down"), t.fault());
        t.update(List.of(lo, link(2, "eth0", true, OperState.LOWER_LAYER_DOWN), eth1));
        assertEquals(Optional.of("eth0 has no carrier (LOWER_LAYER_DOWN)"), t.fault());
        t.update(List.of(lo, eth0));
        assertEquals(Optional.of("eth1 is gone"), t.fault());
        t.update(List.of(link(2, "eth0", true, OperState.DOWN), link(1, "lo", false, OperState.DOWN)));
        assertEquals(Optional.of("eth0 has no carrier (DOWN), eth1 is gone"), t.fault(), "an untracked lo does not count");
        t.update(List.of(lo, eth0, eth1));
        assertEquals(Optional.empty(), t.fault());
    }

    @Test
    void interfacesWithoutAnOperationalStateCountAsUpWhenUp() {
        LinkTracking t = new LinkTracking(Set.of("dummy0"));
        t.update(List.of(link(4, "dummy0", true, OperState.UNKNOWN)));
        assertEquals(Optional.empty(), t.fault());
    }

    @Test
    void nothingToTrackIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> new LinkTracking(Set.of()));
    }
}
