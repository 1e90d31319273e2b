package io.jlvs.director;

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
 * One request and its answer over a director's control socket (docs/jlvsd.md, "Control socket"): what
 * jlvsctl and the web console use. The JDK's own Unix-domain sockets, no native library. Needs
 * Jackson (an optional dependency of lvs-core), as the protocol is JSON lines.
 */
public final class ControlClient {
    /** The connection or the exchange failed, or the director refused; the message is for the operator. */
    public static final class ControlException extends Exception {
        private static final long serialVersionUID = 1L;
        private final java.util.List<String> diagnostics;

        ControlException(String message) {
            this(message, java.util.List.of());
        }

        ControlException(String message, java.util.List<String> diagnostics) {
            super(message);
            this.diagnostics = java.util.List.copyOf(diagnostics);
        }

        /** A refused configuration's problems, each "file:line: key: what"; empty for any other refusal. */
        public java.util.List<String> diagnostics() {
            return diagnostics;
        }
    }

    private final Path socket;
    private final String socketHint;
    private final String permissionHint;
    private final ObjectMapper json;

    /**
     * A client of the control socket at {@code socket}. The hints end the messages for a missing socket
     * and a refused permission with what the calling program's user can do about them (which option
     * names the socket, which group grants it).
     */
    public ControlClient(Path socket, String socketHint, String permissionHint) {
        io.jlvs.internal.Libraries.require("the control socket client (io.jlvs.director.ControlClient)", io.jlvs.internal.Libraries.JACKSON);
        this.socket = socket;
        this.socketHint = socketHint;
        this.permissionHint = permissionHint;
        this.json = new ObjectMapper();
    }

    /** A request naming {@code command}; add its arguments as fields. */
    public ObjectNode request(String command) {
        return json.createObjectNode().put("command", command);
    }

    /** Sends {@code request}; returns the answer's {@code result}, or throws with its {@code error}. */
    public JsonNode call(ObjectNode request) throws ControlException {
        try (SocketChannel c = connect()) {
            c.write(ByteBuffer.wrap((json.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8)));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                throw new ControlException("jlvsd closed the connection without answering (" + socket + ")");
            }
            JsonNode answer = json.readTree(line);
            if (!answer.path("ok").asBoolean(false)) {
                java.util.List<String> diagnostics = new java.util.ArrayList<>();
                answer.path("diagnostics").forEach(d -> diagnostics.add(d.asText()));
                throw new ControlException(answer.path("error").asText("jlvsd answered without a result: " + line), diagnostics);
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
                throw new ControlException("no control socket at " + socket + " (is jlvsd running? " + socketHint + ")");
            }
            if (m.contains("Permission denied")) {
                throw new ControlException("permission denied on " + socket + ": " + permissionHint);
            }
            if (m.contains("Connection refused")) {
                throw new ControlException("nothing listens on " + socket + " (jlvsd is not running; the file is left over)");
            }
            throw new ControlException("cannot connect to " + socket + ": " + m);
        }
    }
}
