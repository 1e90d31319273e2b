package io.jlvs.ipvs;

import io.jlvs.ipvs.internal.IpvsUapi;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A virtual service as configured: its {@link ServiceKey} and its settings. Live counters are in
 * {@link ServiceEntry}, not here, so a service read back from the kernel equals the one written.
 *
 * <p>Build one with {@link #builder(ServiceKey)}; the defaults are ipvsadm's: scheduler wlc, no
 * scheduler flags, not persistent, no one-packet scheduling, no persistence engine.
 *
 * <p>Checked here: scheduler flags fit the scheduler (and are kept in canonical form, see
 * {@link SchedulerFlag}); the persistence netmask fits the family (0..32 for IPv4, 1..128 for IPv6,
 * as ip_vs_add_service insists). Not checked, because the kernel accepts them and a service read
 * back must be representable: port 0 without persistence, and one-packet scheduling on TCP
 * (ipvsadm refuses both).
 *
 * @param key what identifies the service
 * @param scheduler the scheduling algorithm
 * @param schedulerFlags canonical for the scheduler, unmodifiable
 * @param persistence present for a persistent service
 * @param onePacket one-packet scheduling (ipvsadm {@code -o}; meant for UDP)
 * @param persistenceEngine e.g. "sip" (module ip_vs_pe_sip); acts only on persistent services
 */
public record VirtualService(
        ServiceKey key,
        Scheduler scheduler,
        Set<SchedulerFlag> schedulerFlags,
        Optional<Persistence> persistence,
        boolean onePacket,
        Optional<String> persistenceEngine) {

    public VirtualService {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scheduler, "scheduler");
        schedulerFlags = SchedulerFlag.canonical(schedulerFlags, scheduler);
        Objects.requireNonNull(persistence, "persistence (use Optional.empty())");
        Objects.requireNonNull(persistenceEngine, "persistenceEngine (use Optional.empty())");
        persistence.ifPresent(p -> {
            int min = key.family() == AddressFamily.INET6 ? 1 : 0;
            int max = key.family().maxPrefixLength();
            if (p.netmaskPrefixLength() < min || p.netmaskPrefixLength() > max) {
                throw new IllegalArgumentException("persistence netmask prefix length "
                        + p.netmaskPrefixLength() + " is out of range " + min + ".." + max
                        + " for " + key.family() + " service " + key);
            }
        });
        persistenceEngine.ifPresent(pe ->
                Checks.moduleName(pe, "persistence engine name", IpvsUapi.IP_VS_PENAME_MAXLEN - 1));
    }

    /** A builder with ipvsadm's defaults for a service with this key. */
    public static Builder builder(ServiceKey key) {
        return new Builder(key);
    }

    /** A builder holding this service's settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(key);
        b.scheduler = scheduler;
        b.flags.addAll(schedulerFlags);
        b.persistence = persistence.orElse(null);
        b.onePacket = onePacket;
        b.persistenceEngine = persistenceEngine.orElse(null);
        return b;
    }

    /** The service's address family (its key's). */
    public AddressFamily family() {
        return key.family();
    }

    /** Whether the service is persistent. */
    public boolean isPersistent() {
        return persistence.isPresent();
    }

    /** As ipvsadm lists it: "TCP 10.0.0.1:80 sh (sh-fallback,sh-port) persistent 300 mask 255.255.255.0 pe sip ops". */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(key).append(' ').append(scheduler);
        if (!schedulerFlags.isEmpty()) {
            text.append(" (");
            String sep = "";
            for (SchedulerFlag f : schedulerFlags) {
                text.append(sep).append(f.ipvsadmName());
                sep = ",";
            }
            text.append(')');
        }
        persistence.ifPresent(p -> text.append(' ').append(p.describe(key.family())));
        persistenceEngine.ifPresent(pe -> text.append(" pe ").append(pe));
        if (onePacket) {
            text.append(" ops");
        }
        return text.toString();
    }

    /** Builds a {@link VirtualService}; starts from ipvsadm's defaults. Not thread-safe. */
    public static final class Builder {
        private final ServiceKey key;
        private Scheduler scheduler = Scheduler.WLC;
        private final Set<SchedulerFlag> flags = EnumSet.noneOf(SchedulerFlag.class);
        private Persistence persistence;
        private boolean onePacket;
        private String persistenceEngine;

        private Builder(ServiceKey key) {
            this.key = Objects.requireNonNull(key, "key");
        }

        /** The scheduler (default wlc). */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** The scheduler by name, e.g. "rr". */
        public Builder scheduler(String name) {
            return scheduler(Scheduler.of(name));
        }

        /** Adds scheduler flags (checked against the scheduler at {@link #build()}). */
        public Builder schedulerFlags(SchedulerFlag... flags) {
            for (SchedulerFlag f : flags) {
                this.flags.add(Objects.requireNonNull(f, "scheduler flag"));
            }
            return this;
        }

        /** Replaces the scheduler flags. */
        public Builder schedulerFlags(Set<SchedulerFlag> flags) {
            this.flags.clear();
            flags.forEach(f -> this.flags.add(Objects.requireNonNull(f, "scheduler flag")));
            return this;
        }

        /** Persistent with ipvsadm's defaults: 300 s, per single client address. */
        public Builder persistent() {
            return persistent(Persistence.DEFAULT_TIMEOUT);
        }

        /** Persistent for {@code timeout}, per single client address (/32 or /128). */
        public Builder persistent(Duration timeout) {
            return persistence(Persistence.of(timeout, key.family()));
        }

        /** Persistent for {@code timeout}, grouping clients by the first {@code prefixLength} bits. */
        public Builder persistent(Duration timeout, int netmaskPrefixLength) {
            return persistence(new Persistence(timeout, netmaskPrefixLength));
        }

        /** Persistence as given, or none for null. */
        public Builder persistence(Persistence persistence) {
            this.persistence = persistence;
            return this;
        }

        /** Not persistent (the default). */
        public Builder notPersistent() {
            return persistence(null);
        }

        /** One-packet scheduling on or off (default off). */
        public Builder onePacket(boolean onePacket) {
            this.onePacket = onePacket;
            return this;
        }

        /** A persistence engine by name, e.g. "sip"; null for none (the default). */
        public Builder persistenceEngine(String name) {
            this.persistenceEngine = name;
            return this;
        }

        public VirtualService build() {
            return new VirtualService(key, scheduler, flags, Optional.ofNullable(persistence), onePacket,
                    Optional.ofNullable(persistenceEngine));
        }
    }
}
