package io.jlvs.health.internal.check;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket's input whose every read waits at most until the deadline, so the deadline bounds the
 * whole answer and not each read.
 */
public final class DeadlineInputStream extends FilterInputStream {
    private final Socket socket;
    private final Deadline deadline;

    public DeadlineInputStream(Socket socket, InputStream in, Deadline deadline) {
        super(in);
        this.socket = socket;
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        arm();
        try {
            return super.read();
        } catch (SocketTimeoutException e) {
            throw deadline.expired();
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        arm();
        try {
            return super.read(b, off, len);
        } catch (SocketTimeoutException e) {
            throw deadline.expired();
        }
    }

    private void arm() throws IOException {
        socket.setSoTimeout(deadline.remainingMillis());
    }
}
