package io.jlvs.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One request and its answer over jlvsd's control socket (docs/jlvsd.md, "Control socket"): the
 * console's only way to the director. jlvsctl has its own copy; the console does not depend on the
 * command-line programs' module.
 */
final class ControlClient {
    /** jlvsd refused the request, or could not be reached; the message says which and why. */
    static final class ControlException extends Exception {
        ControlException(String message) {
            super(message);
        }
    }

    private final Path socket;
    private final ObjectMapper json = new ObjectMapper();

    ControlClient(Path socket) {
        this.socket = socket;
    }

    ObjectNode request(String command) {
        return json.createObjectNode().put("command", command);
    }

    /** Sends {@code request}; returns the answer's {@code result}, or throws with its {@code error}. */
    JsonNode call(ObjectNode request) throws ControlException {
        try (SocketChannel c = connect()) {
            c.write(ByteBuffer.wrap((json.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8)));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                throw new ControlException("jlvsd closed the connection without answering (" + socket + ")");
            }
            JsonNode answer = json.readTree(line);
            if (!answer.path("ok").asBoolean(false)) {
                throw new ControlException(answer.path("error").asText("jlvsd answered without a result: " + line));
            }
            return answer.path("result");
        } catch (IOException e) {
            throw new ControlException("talking to jlvsd on " + socket + ": " + e.getMessage());
        }
    }

    private SocketChannel connect() throws ControlException, IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            c.connect(UnixDomainSocketAddress.of(socket));
            return c;
        } catch (SocketException e) {
            c.close();
            String m = String.valueOf(e.getMessage());
            if (!Files.exists(socket)) {
                throw new ControlException("no control socket at " + socket + " (is jlvsd running? control_socket in the console's config)");
            }
            if (m.contains("Permission denied")) {
                throw new ControlException("permission denied on " + socket
                        + ": run the console's user with jlvsd's --control-group as its primary group (docs/console.md)");
            }
            if (m.contains("Connection refused")) {
                throw new ControlException("nothing listens on " + socket + " (jlvsd is not running; the file is left over)");
            }
            throw new ControlException("cannot connect to " + socket + ": " + m);
        }
    }
}
