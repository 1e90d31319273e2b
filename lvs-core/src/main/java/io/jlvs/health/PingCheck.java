package io.jlvs.health;

import io.jlvs.health.internal.check.IcmpEcho;
import io.jlvs.health.internal.check.Probes;
import io.jlvs.sys.Syscalls;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Up when the real server answers an ICMP (IPv4) or ICMPv6 echo request within the timeout:
 * keepalived's PING_CHECK. The target's port plays no part. The echo goes out through the syscall
 * layer on a datagram ICMP socket, which needs no privilege, or a raw one, which needs CAP_NET_RAW,
 * where {@code net.ipv4.ping_group_range} does not include the process's group (the kernel's default
 * range is empty; with many ping-checked servers, allow the director's group there); a reply counts
 * only from the server, with the request's sequence number and random payload, so another host
 * cannot answer for it.
 *
 * <p>A ping says the host is up, not that its service is: pair it with a service check (check2_*) where
 * that matters, or use it for servers whose service has no protocol a probe can speak.
 *
 * @param timeout how long to wait for the reply
 * @param source  local address to send from; empty = the kernel picks by route
 */
public record PingCheck(Duration timeout, Optional<InetAddress> source) implements HealthCheck {

    public PingCheck {
        ConnectOptions.requirePositive(timeout, "timeout");
        Objects.requireNonNull(source, "source (use Optional.empty())");
    }

    public static PingCheck withTimeout(Duration timeout) {
        return new PingCheck(timeout, Optional.empty());
    }

    @Override
    public ProbeResult probe(InetSocketAddress target) throws InterruptedException {
        return Probes.run(clock -> {
            Syscalls sys;
            try {
                sys = Syscalls.system();
            } catch (LinkageError e) {
                return clock.down("no native syscall layer for ICMP: " + e.getMessage());
            }
            IcmpEcho.Reply reply = IcmpEcho.ping(sys, target.getAddress(), source, timeout);
            return clock.up(String.format(java.util.Locale.ROOT, "echo reply in %.2fms (%s)",
                    reply.roundTrip().toNanos() / 1e6, reply.kind()));
        });
    }

    @Override
    public String type() {
        return "ping";
    }
}
