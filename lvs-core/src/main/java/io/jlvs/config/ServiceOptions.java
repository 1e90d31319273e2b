package io.jlvs.config;

import io.jlvs.ipvs.SchedulerFlag;
import io.jlvs.ipvs.TunnelOptions;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the kernel schedules a virtual server beyond its scheduler: the scheduler's flags
 * ({@code scheduler_flags}, ipvsadm -b), one-packet scheduling ({@code one_packet}, ipvsadm -o) and
 * the encapsulation of tunnelled real servers ({@code tunnel_type}, {@code tunnel_port},
 * {@code tunnel_checksum}, ipvsadm --tun-*).
 *
 * @param schedulerFlags flags of the virtual server's scheduler, in their scheduler's names
 *     ({@code sh-port}, not {@code flag-2}); unmodifiable
 * @param onePacket each UDP datagram is scheduled on its own, no connection entry is kept
 * @param tunnel the encapsulation of every real server when forwarding is tunnel; empty = IPIP
 */
public record ServiceOptions(Set<SchedulerFlag> schedulerFlags, boolean onePacket, Optional<TunnelOptions> tunnel) {
    /** No flags, connection scheduling, plain IPIP: what a virtual block without these keys has. */
    public static final ServiceOptions NONE = new ServiceOptions(Set.of(), false, Optional.empty());

    public ServiceOptions {
        Objects.requireNonNull(schedulerFlags, "schedulerFlags");
        Objects.requireNonNull(tunnel, "tunnel");
        EnumSet<SchedulerFlag> copy = EnumSet.noneOf(SchedulerFlag.class);
        copy.addAll(schedulerFlags);
        schedulerFlags = Collections.unmodifiableSet(copy);
    }
}
