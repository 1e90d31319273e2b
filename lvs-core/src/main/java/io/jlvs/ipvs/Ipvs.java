package io.jlvs.ipvs;

import io.jlvs.netlink.FamilyNotFoundException;
import io.jlvs.netlink.NetlinkConnection;
import io.jlvs.netlink.NetlinkException;
import io.jlvs.netlink.NetlinkSocket;
import io.jlvs.sys.LinuxConstants;
import io.jlvs.sys.NativeAvailability;
import io.jlvs.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether IPVS can be used from here, and if not, why — asked before any real call, so an application
 * can say "this kernel has no IPVS" instead of failing deep inside one. Checked afresh on every call
 * (a module may have been loaded since).
 */
public final class Ipvs {
    /** CAP_NET_ADMIN's bit in the capability sets (include/uapi/linux/capability.h). */
    private static final int CAP_NET_ADMIN = 12;

    private Ipvs() {}

    /** True when the native layer loads, the kernel has IPVS and this process holds CAP_NET_ADMIN. */
    public static boolean isAvailable() {
        return unavailabilityCause().isEmpty();
    }

    /** Why IPVS cannot be used, in words an operator can act on; empty when it can. Never throws. */
    public static Optional<String> unavailabilityCause() {
        if (!NativeAvailability.isAvailable()) {
            return Optional.of("native syscall layer could not load: " + NativeAvailability.unavailabilityCause());
        }
        Syscalls sys = Syscalls.system();
        try (NetlinkConnection nl = new NetlinkConnection(NetlinkSocket.open(sys, LinuxConstants.NETLINK_GENERIC))) {
            nl.resolveFamily(io.jlvs.ipvs.internal.IpvsUapi.IPVS_GENL_NAME);
        } catch (FamilyNotFoundException e) {
            return Optional.of("this kernel has no IPVS (CONFIG_IP_VS), or module ip_vs is not loaded: modprobe ip_vs");
        } catch (NetlinkException e) {
            return Optional.of("generic netlink is not usable: " + e.getMessage());
        }
        if (!hasNetAdmin()) {
            return Optional.of("not permitted: IPVS needs CAP_NET_ADMIN (run as root)");
        }
        return Optional.empty();
    }

    /** Reads CapEff from /proc/self/status; if it cannot be read, assumes yes and lets the kernel decide. */
    static boolean hasNetAdmin() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    long caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return (caps & (1L << CAP_NET_ADMIN)) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return true;
        }
        return true;
    }
}
