package io.jlvs.director.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jnr.unixsocket.Credentials;
import jnr.unixsocket.UnixServerSocketChannel;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;
import jnr.unixsocket.UnixSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The director's control socket: a Unix stream socket speaking {@link ControlProtocol}.
 *
 * <p>Access, in three layers: the socket's directory is created root-only (0700, or 0750 with the
 * control group) when missing; the socket file is chmod-ed to 0600 (0660 and chgrp to the control
 * group) right after bind(2) and before the first accept(2); and every accepted peer's credentials
 * (SO_PEERCRED) are checked against {@link PeerPolicy}, so a peer that connected in the moment
 * between bind and chmod is still refused.
 *
 * <p>Accepting runs on one platform thread (accept(2) through JNR would pin a virtual thread's
 * carrier); each connection is served on its own virtual thread. Reads are bounded: a request line
 * longer than {@link ControlProtocol#MAX_LINE} is refused, and a connection idle for
 * {@link #IDLE_TIMEOUT_MS} is closed, so a silent client cannot hold a thread forever. At most
 * {@link #MAX_CONNECTIONS} connections are served at once.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
    static final int IDLE_TIMEOUT_MS = 30_000;
    static final int MAX_CONNECTIONS = 16;

    private final Path path;
    private final PeerPolicy policy;
    private final ControlProtocol protocol;
    private final UnixServerSocketChannel server;
    private final Set<UnixSocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final java.util.function.Consumer<Throwable> onFailure;
    private volatile boolean closed;

    private ControlServer(Path path, PeerPolicy policy, ControlProtocol protocol, UnixServerSocketChannel server,
            java.util.function.Consumer<Throwable> onFailure) {
        this.path = path;
        this.onFailure = onFailure;
        this.policy = policy;
        this.protocol = protocol;
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "jlvs-control-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Binds {@code path} and starts serving {@code target}. Refuses when another live server answers
     * on that path; removes a stale socket file left by a crashed one.
     */
    public static ControlServer start(Path path, Optional<String> group, ControlTarget target) {
        return start(path, group, target, e -> { });
    }

    /**
     * As {@link #start(Path, Optional, ControlTarget)}; {@code onFailure} hears it when accepting stops
     * for any reason but {@link #close()} (the socket is then dead: operators could no longer reach
     * a director that otherwise looks alive).
     */
    public static ControlServer start(Path path, Optional<String> group, ControlTarget target,
            java.util.function.Consumer<Throwable> onFailure) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(group.isPresent() ? "rwxr-x---" : "rwx------"));
                if (group.isPresent()) {
                    chgrp(dir, group.get());
                }
            }
            removeStale(path);
            UnixServerSocketChannel channel = UnixServerSocketChannel.open();
            try {
                channel.configureBlocking(true);
                channel.socket().bind(new UnixSocketAddress(path.toFile()));
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(group.isPresent() ? "rw-rw----" : "rw-------"));
                OptionalInt gid = OptionalInt.empty();
                if (group.isPresent()) {
                    gid = OptionalInt.of(chgrp(path, group.get()));
                }
                ControlServer s = new ControlServer(path, new PeerPolicy(gid), new ControlProtocol(target), channel, onFailure);
                s.acceptor.start();
                return s;
            } catch (IOException | RuntimeException e) {
                channel.close();
                Files.deleteIfExists(path);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("control socket " + path + ": " + e.getMessage(), e);
        }
    }

    /** Sets {@code file}'s group to {@code group} (looked up by the system's name service) and returns its gid. */
    private static int chgrp(Path file, String group) throws IOException {
        GroupPrincipal g;
        try {
            g = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
        } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
            throw new IOException("control group '" + group + "' does not exist", e);
        }
        Files.setAttribute(file, "posix:group", g, LinkOption.NOFOLLOW_LINKS);
        return (Integer) Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    }

    private static void removeStale(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
            throw new IOException("exists and is not a socket; remove it or choose another path");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            throw new IOException("another process is listening on it (a jlvsd already running? give each its own --control-socket)");
        } catch (java.net.SocketException e) {
            // Nobody listens: a socket file left by a process that died. Safe to replace.
            Files.delete(path);
        }
    }

    public Path path() {
        return path;
    }

    private void acceptLoop() {
        try {
            while (!closed) {
                UnixSocketChannel c = server.accept();
                if (c != null) {
                    Thread.ofVirtual().name("jlvs-control-conn").start(() -> serve(c));
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            if (!closed) {
                log.error(Kv.line("event", "control", "result", "accept_failed", "error", e.toString()));
                onFailure.accept(e);
            }
        }
    }

    /** Tests: closes the listening socket under the accept loop, as a failure would. */
    void breakListeningSocket() throws IOException {
        server.close();
    }

    private void serve(UnixSocketChannel c) {
        try (c) {
            Credentials cred = c.getOption(UnixSocketOptions.SO_PEERCRED);
            if (!policy.permits(cred.getUid(), cred.getGid())) {
                log.warn(Kv.line("event", "control", "result", "refused", "uid", cred.getUid(), "gid", cred.getGid(), "pid", cred.getPid()));
                // Read (bounded, briefly) what it sent before answering: closing a Unix socket with
                // unread data makes the peer's read fail with ECONNRESET instead of seeing the answer.
                c.setOption(UnixSocketOptions.SO_RCVTIMEO, 1_000);
                try {
                    new LineReader(c).readLine();
                } catch (LineReader.TooLongException ignored) {
                    // refused anyway
                }
                write(c, "{\"ok\":false,\"error\":\"permission denied: uid " + cred.getUid()
                        + " is neither root nor in the control group\"}");
                return;
            }
            if (closed) {
                return;
            }
            connections.add(c);
            if (connections.size() > MAX_CONNECTIONS) {
                write(c, "{\"ok\":false,\"error\":\"too many control connections (at most " + MAX_CONNECTIONS + ")\"}");
                return;
            }
            c.setOption(UnixSocketOptions.SO_RCVTIMEO, IDLE_TIMEOUT_MS);
            LineReader in = new LineReader(c);
            while (!closed) {
                String line;
                try {
                    line = in.readLine();
                } catch (LineReader.TooLongException e) {
                    write(c, protocol.tooLong());
                    return;
                }
                if (line == null) {
                    return;
                }
                if (line.isBlank()) {
                    continue;
                }
                write(c, protocol.handle(line));
            }
        } catch (IOException e) {
            if (!closed) {
                log.debug(Kv.line("event", "control", "result", "connection_error", "error", e.getMessage()));
            }
        } finally {
            connections.remove(c);
        }
    }

    private static void write(UnixSocketChannel c, String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            if (c.write(b) < 0) {
                throw new IOException("peer closed");
            }
        }
    }

    /** Stops accepting, closes every connection and removes the socket file. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            log.debug(Kv.line("event", "control", "close_error", e.getMessage()));
        }
        for (UnixSocketChannel c : connections) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            acceptor.join(5_000);
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn(Kv.line("event", "control", "result", "unlink_failed", "path", path, "error", e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
