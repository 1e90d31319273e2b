package io.jlvs.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.AlreadyExistsException;
import io.jlvs.ipvs.BatchResult;
import io.jlvs.ipvs.InMemoryIpvs;
import io.jlvs.ipvs.Ipvs;
import org.junit.jupiter.api.Test;

/**
 * The example a Java user copies to test their own IPVS code: {@link BulkLoad} against
 * {@link InMemoryIpvs}, which answers as the kernel does, on any machine and without root.
 */
class BulkLoadTest {
    @Test
    void loadsEveryServiceAndServerAndASecondLoadFailsEachAddAsTheKernelWould() {
        try (Ipvs ipvs = new InMemoryIpvs().open()) {
            BatchResult first = BulkLoad.load(ipvs, 300, 4);
            assertEquals(300 * 5, first.results().size());
            assertTrue(first.results().stream().allMatch(r -> r.status() == BatchResult.Status.APPLIED));
            assertEquals(300, ipvs.services().size());
            assertEquals(4, ipvs.realServers(ipvs.services().get(0).service().key()).size());

            BatchResult again = BulkLoad.load(ipvs, 300, 4);
            assertTrue(again.results().stream().allMatch(r -> r.status() == BatchResult.Status.FAILED
                    && r.error().orElseThrow() instanceof AlreadyExistsException), "every add refused: already exists");
            assertEquals(300, ipvs.services().size());
        }
    }
}
