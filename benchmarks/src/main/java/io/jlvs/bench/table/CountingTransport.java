package io.jlvs.bench.table;

import java.nio.ByteBuffer;

import io.jlvs.netlink.NetlinkSocket;
import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.netlink.NetlinkTransport;
import io.jlvs.sys.LinuxConstants;
import io.jlvs.sys.Syscalls;

/**
 * A netlink socket that counts its datagrams: each {@link #send} is one sendto, each {@link #receive}
 * one recv. A round trip is one send and the receives that answer it, so {@link #sends()} counts round
 * trips. Not thread-safe, like the client it sits under.
 */
final class CountingTransport implements NetlinkTransport {
    private final NetlinkTransport delegate;
    private long sends;
    private long receives;

    CountingTransport(NetlinkTransport delegate) {
        this.delegate = delegate;
    }

    /** A generic netlink socket opened inside {@code namespace}, counted. */
    static CountingTransport open(NetworkNamespace namespace) {
        Syscalls sys = Syscalls.system();
        return new CountingTransport(namespace.call(sys, () -> NetlinkSocket.open(sys, LinuxConstants.NETLINK_GENERIC)));
    }

    @Override
    public void send(ByteBuffer datagram) {
        sends++;
        delegate.send(datagram);
    }

    @Override
    public int receive(ByteBuffer into) {
        receives++;
        return delegate.receive(into);
    }

    @Override
    public int portId() {
        return delegate.portId();
    }

    long sends() {
        return sends;
    }

    long receives() {
        return receives;
    }

    void reset() {
        sends = 0;
        receives = 0;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
