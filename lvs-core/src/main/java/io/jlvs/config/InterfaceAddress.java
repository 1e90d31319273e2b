package io.jlvs.config;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * An address the director brings up on one of its interfaces, as lvs.cf writes it:
 * {@code 10.23.8.80 eth0:1} (address and device, optionally with an alias label after the colon).
 *
 * @param address the address
 * @param device the device, possibly with an alias ("eth0:1"); empty when the file names none
 */
public record InterfaceAddress(InetAddress address, Optional<String> device) {
    public InterfaceAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(device, "device (use Optional.empty())");
    }

    /** The device without its alias: "eth0" for "eth0:1". */
    public Optional<String> baseDevice() {
        return device.map(d -> d.contains(":") ? d.substring(0, d.indexOf(':')) : d);
    }

    /** The alias label as the kernel stores it ("eth0:1"), the whole device name when it has none. */
    public Optional<String> label() {
        return device;
    }
}
