package io.jlvs.failover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Two failover nodes' settings on loopback addresses (Linux answers for all of 127/8 on lo): node
 * 1 on 127.0.{n}.1 and node 2 on 127.0.{n}.2, with a "public" and a "private" path, where n keeps
 * test classes apart. Both use one free UDP port.
 */
final class LoopbackPair {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    final int port;
    final InetAddress public1;
    final InetAddress public2;
    final InetAddress private1;
    final InetAddress private2;

    LoopbackPair(int net) {
        public1 = address(127, 0, net, 1);
        public2 = address(127, 0, net, 2);
        private1 = address(127, 1, net, 1);
        private2 = address(127, 1, net, 2);
        port = freePort(public1);
    }

    HeartbeatPath publicPath(int node) {
        return node == 1 ? new HeartbeatPath("public", public1, public2) : new HeartbeatPath("public", public2, public1);
    }

    HeartbeatPath privatePath(int node) {
        return node == 1 ? new HeartbeatPath("private", private1, private2)
                : new HeartbeatPath("private", private2, private1);
    }

    /** Node {@code node} (1 or 2) with both paths to the other and short timers. */
    FailoverConfig.Builder config(int node, int priority, Duration keepalive) {
        int other = node == 1 ? 2 : 1;
        return FailoverConfig.builder(node, HeartbeatKey.of(KEY))
                .priority(priority)
                .port(port)
                .keepalive(keepalive)
                .deadtime(keepalive.multipliedBy(4))
                .holdDown(keepalive.multipliedBy(6))
                .peer(Peer.of(other, publicPath(node), privatePath(node)));
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static int freePort(InetAddress on) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(on, 0))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records every event a node publishes. */
    static final class Recorder implements RoleListener {
        final List<RoleChange> roles = new CopyOnWriteArrayList<>();
        final List<PeerChange> peers = new CopyOnWriteArrayList<>();

        @Override
        public void onRoleChange(RoleChange change) {
            roles.add(change);
        }

        @Override
        public void onPeerChange(PeerChange change) {
            peers.add(change);
        }

        List<Role> roleSequence() {
            return roles.stream().map(RoleChange::current).toList();
        }
    }
}
