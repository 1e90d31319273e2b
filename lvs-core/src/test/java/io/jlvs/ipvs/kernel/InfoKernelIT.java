package io.jlvs.ipvs.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.IpvsInfo;
import io.jlvs.testing.KernelNamespace;
import io.jlvs.testing.KernelTest;
import org.junit.jupiter.api.Test;

/** IPVS_CMD_GET_INFO against the kernel, with ipvsadm's header line as the witness. */
@KernelTest
class InfoKernelIT {

    @Test
    void versionIsOnePointTwoPointOne(KernelNamespace ns) {
        IpvsInfo info = ns.ipvs().info();

        assertEquals(0x010201, info.version());
        assertEquals("1.2.1", info.versionString());
    }

    @Test
    void connectionTableSizeIsWhatIpvsadmShows(KernelNamespace ns) {
        IpvsInfo info = ns.ipvs().info();

        assertTrue(info.connectionTableSize() > 0, "table size " + info.connectionTableSize());
        String header = ns.ipvsadm("-Ln").lines().findFirst().orElseThrow();
        assertEquals("IP Virtual Server version 1.2.1 (size=" + info.connectionTableSize() + ")", header);
        assertEquals(header, info.toString());
    }
}
