package io.jlvs.bench.failover;

import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.sys.Syscalls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The client of the failover runs: from its own namespace it connects to the VIP again and again, one
 * try every {@code period} (a try whose SYN went to the old director's MAC times out after the period, or
 * {@link #MIN_CONNECT_TIMEOUT} when that is longer, and the next one starts), until a connection reads the
 * expected director's name. The same client, with the same period, times both jLVS and keepalived.
 */
final class VipClient {
    /** A SYN-ACK from the next namespace under emulation can take a few milliseconds: never wait less. */
    static final Duration MIN_CONNECT_TIMEOUT = Duration.ofMillis(20);
    private static final int READ_TIMEOUT_MILLIS = 500;

    private final NetworkNamespace namespace;
    private final InetSocketAddress vip;

    VipClient(NetworkNamespace namespace, InetSocketAddress vip) {
        this.namespace = namespace;
        this.vip = vip;
    }

    /** When a connection first read {@code name}; empty after {@code limit}. */
    Optional<Instant> firstAnswerFrom(String name, Duration period, Duration limit) {
        int connectTimeout = (int) Math.max(period.toMillis(), MIN_CONNECT_TIMEOUT.toMillis());
        return namespace.call(Syscalls.system(), () -> {
            long start = System.nanoTime();
            long deadline = start + limit.toNanos();
            long next = start;
            while (System.nanoTime() - deadline < 0) {
                if (answers(name, connectTimeout)) {
                    return Optional.of(Instant.now());
                }
                // The next try on the period's grid, never a burst to catch up after a slow one.
                next = Math.max(next + period.toNanos(), System.nanoTime());
                long waitNanos = next - System.nanoTime();
                if (waitNanos > 0) {
                    try {
                        Thread.sleep(Duration.ofNanos(waitNanos));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        });
    }

    private boolean answers(String name, int connectTimeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(vip, connectTimeoutMillis);
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return name.equals(line);
        } catch (IOException e) {
            return false;   // not answered (yet), or by the old director's leftovers
        }
    }
}
