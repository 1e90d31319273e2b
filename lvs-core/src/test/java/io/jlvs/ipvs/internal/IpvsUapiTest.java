package io.jlvs.ipvs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Spot checks of the enum-derived values against include/uapi/linux/ip_vs.h's ordering. */
class IpvsUapiTest {

    @Test
    void commandsFollowTheHeadersEnum() {
        assertEquals(1, IpvsUapi.IPVS_CMD_NEW_SERVICE);
        assertEquals(8, IpvsUapi.IPVS_CMD_GET_DEST);
        assertEquals(11, IpvsUapi.IPVS_CMD_GET_DAEMON);
        assertEquals(15, IpvsUapi.IPVS_CMD_GET_INFO);
        assertEquals(IpvsUapi.IPVS_CMD_FLUSH, IpvsUapi.IPVS_CMD_MAX);
    }

    @Test
    void attributeMaximaAreTheLastAttributes() {
        assertEquals(IpvsUapi.IPVS_CMD_ATTR_TIMEOUT_UDP, IpvsUapi.IPVS_CMD_ATTR_MAX);
        assertEquals(IpvsUapi.IPVS_SVC_ATTR_STATS64, IpvsUapi.IPVS_SVC_ATTR_MAX);
        assertEquals(IpvsUapi.IPVS_DEST_ATTR_TUN_FLAGS, IpvsUapi.IPVS_DEST_ATTR_MAX);
        assertEquals(IpvsUapi.IPVS_DAEMON_ATTR_MCAST_TTL, IpvsUapi.IPVS_DAEMON_ATTR_MAX);
        assertEquals(IpvsUapi.IPVS_STATS_ATTR_PAD, IpvsUapi.IPVS_STATS_ATTR_MAX);
        assertEquals(IpvsUapi.IPVS_INFO_ATTR_CONN_TAB_SIZE, IpvsUapi.IPVS_INFO_ATTR_MAX);
    }

    @Test
    void schedulerFlagsAreTheThreeBitsAfterOnePacket() {
        assertEquals(0x38, IpvsUapi.IP_VS_SVC_F_SCHED_MASK);
        assertEquals(IpvsUapi.IP_VS_SVC_F_ONEPACKET << 1, IpvsUapi.IP_VS_SVC_F_SCHED1);
    }
}
