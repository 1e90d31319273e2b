package io.jlvs.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.internal.IpvsUapi;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TunnelOptionsTest {

    @Test
    void printsAsIpvsadmTunInfo() {
        assertEquals("ipip", TunnelOptions.IPIP.toString());
        assertEquals("gue:6080:-c", TunnelOptions.gue(6080).toString());
        assertEquals("gue:6080:r+c", TunnelOptions.gue(6080, TunnelFlag.REMCSUM).toString());
        assertEquals("gre:+c", TunnelOptions.gre(TunnelFlag.CSUM).toString());
    }

    @Test
    void gueNeedsAPortAsTheKernelDoes() {
        var e = assertThrows(IllegalArgumentException.class, () -> TunnelOptions.gue(0));
        assertTrue(e.getMessage().contains("gue tunnel port 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TunnelOptions.gue(65536));
    }

    @Test
    void ipipTakesNoPortOrFlags() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TunnelOptions(TunnelType.IPIP, 80, Set.of()));
        assertTrue(e.getMessage().contains("port 80"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TunnelOptions(TunnelType.IPIP, 0, Set.of(TunnelFlag.CSUM)));
    }

    @Test
    void greTakesNoPortNorRemoteChecksum() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TunnelOptions(TunnelType.GRE, 47, Set.of()));
        assertTrue(e.getMessage().contains("47"), e.getMessage());
        var r = assertThrows(IllegalArgumentException.class, () -> TunnelOptions.gre(TunnelFlag.REMCSUM));
        assertTrue(r.getMessage().contains("REMCSUM"), r.getMessage());
    }

    @Test
    void flagsAreBitsWithNoChecksumAsEmpty() {
        assertEquals(IpvsUapi.IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM, TunnelFlag.toKernelBits(Set.of()));
        assertEquals(3, TunnelFlag.toKernelBits(Set.of(TunnelFlag.CSUM, TunnelFlag.REMCSUM)));
        assertEquals(Set.of(TunnelFlag.REMCSUM), TunnelFlag.fromKernelBits(2));
        var e = assertThrows(IllegalArgumentException.class, () -> TunnelFlag.fromKernelBits(4));
        assertTrue(e.getMessage().contains("0x4"), e.getMessage());
    }

    @Test
    void flagsCannotBeModified() {
        assertThrows(UnsupportedOperationException.class, () -> TunnelOptions.gue(1).flags().add(TunnelFlag.CSUM));
    }

    @Test
    void typesMapToKernelValues() {
        assertEquals(TunnelType.GUE, TunnelType.fromKernel(IpvsUapi.IP_VS_CONN_F_TUNNEL_TYPE_GUE));
        assertEquals(2, TunnelType.GRE.kernelValue());
        assertEquals("gre", TunnelType.GRE.ipvsadmName());
        var e = assertThrows(IllegalArgumentException.class, () -> TunnelType.fromKernel(3));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
    }
}
