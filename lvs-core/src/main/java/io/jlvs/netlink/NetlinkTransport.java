package io.jlvs.netlink;

import java.nio.ByteBuffer;

/**
 * Where netlink datagrams go and come from: a real socket ({@link NetlinkSocket}) or, in unit tests,
 * a fake kernel. Each call is one datagram.
 */
public interface NetlinkTransport extends AutoCloseable {

    /** Sends the bytes from {@code datagram}'s position to its limit as one datagram. */
    void send(ByteBuffer datagram);

    /**
     * Receives one datagram into {@code into} from position 0 and returns its length. A datagram larger
     * than the buffer is an error, not a silent truncation. Blocks at most the transport's receive
     * timeout, then throws a {@link NetlinkException} with errno EAGAIN.
     */
    int receive(ByteBuffer into);

    /** The port id the kernel gave this socket (nl_pid), used to recognise replies. */
    int portId();

    @Override
    void close();
}
