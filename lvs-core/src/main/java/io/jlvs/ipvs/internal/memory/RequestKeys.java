package io.jlvs.ipvs.internal.memory;

import static io.jlvs.ipvs.internal.IpvsUapi.*;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.netlink.Attributes;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What identifies the object of an IPVS request, read as the kernel reads it: the service key
 * (ip_vs_genl_parse_service) and a destination's address and port (ip_vs_genl_parse_dest). For the
 * in-memory kernel and the test fakes that answer IpvsClient's requests.
 */
public final class RequestKeys {
    private RequestKeys() {
    }

    /** The service key of a request, from IPVS_CMD_ATTR_SERVICE. */
    public static ServiceKey service(Attributes top) {
        Attributes svc = top.nested(IPVS_CMD_ATTR_SERVICE);
        AddressFamily family = AddressFamily.fromNumber(svc.u16(IPVS_SVC_ATTR_AF));
        if (svc.has(IPVS_SVC_ATTR_FWMARK) && svc.u32(IPVS_SVC_ATTR_FWMARK) != 0) {
            return ServiceKey.fwmark(svc.u32(IPVS_SVC_ATTR_FWMARK), family);
        }
        return new ServiceKey.Address(Protocol.fromNumber(svc.u16(IPVS_SVC_ATTR_PROTOCOL)),
                ip(family, svc.bytes(IPVS_SVC_ATTR_ADDR)), svc.be16(IPVS_SVC_ATTR_PORT));
    }

    /** A destination's address and port (a DEL_DEST carries nothing else), from IPVS_CMD_ATTR_DEST's nest. */
    public static RealServerAddress destination(Attributes dest, AddressFamily serviceFamily) {
        AddressFamily family = dest.has(IPVS_DEST_ATTR_ADDR_FAMILY) && dest.u16(IPVS_DEST_ATTR_ADDR_FAMILY) != 0
                ? AddressFamily.fromNumber(dest.u16(IPVS_DEST_ATTR_ADDR_FAMILY)) : serviceFamily;
        return new RealServerAddress(ip(family, dest.bytes(IPVS_DEST_ATTR_ADDR)), dest.be16(IPVS_DEST_ATTR_PORT));
    }

    private static InetAddress ip(AddressFamily family, byte[] raw) {
        byte[] address = Arrays.copyOf(raw, family.addressLength());
        try {
            return family == AddressFamily.INET6 ? Inet6Address.getByAddress(null, address, -1) : InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
