package io.jlvs.director.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Reads newline-terminated UTF-8 lines from a channel, never holding more than
 * {@link ControlProtocol#MAX_CONFIG_LINE} bytes of one line (the protocol refuses lines over
 * {@link ControlProtocol#MAX_LINE} but for the commands that carry an lvs.cf text).
 */
final class LineReader {
    static final class TooLongException extends IOException {
        TooLongException() {
            super("line longer than " + ControlProtocol.MAX_CONFIG_LINE + " bytes");
        }
    }

    private final ReadableByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(4096).flip();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineReader(ReadableByteChannel channel) {
        this.channel = channel;
    }

    /** The next line without its newline; null at end of stream or when the read timed out. */
    String readLine() throws IOException {
        line.reset();
        while (true) {
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                if (line.size() >= ControlProtocol.MAX_CONFIG_LINE) {
                    throw new TooLongException();
                }
                line.write(b);
            }
            buffer.clear();
            int n = channel.read(buffer);
            buffer.flip();
            // 0 from a blocking socket is SO_RCVTIMEO expiring (EAGAIN): an idle client, closed.
            if (n <= 0) {
                return null;
            }
        }
    }
}
