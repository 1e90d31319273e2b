package io.jlvs.director.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import jdk.net.UnixDomainPrincipal;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
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
 * <p>Slow clients cost only their own connection. Sockets are the JDK's own channels, whose blocking
 * reads and writes park a virtual thread instead of holding its carrier in a native call (a carrier
 * held by a client that never sends would, with as many such clients as cores, stop every other
 * virtual thread, health probes included). Each connection has its own virtual thread and two
 * deadlines, enforced by closing the channel: a request line must be complete within
 * {@link #REQUEST_TIMEOUT} of the wait for it starting (so one byte every few seconds does not keep
 * a connection forever), and an answer must be taken by the client within {@link #SEND_TIMEOUT}.
 * A request line longer than {@link ControlProtocol#MAX_LINE} is refused ({@link ControlProtocol#MAX_CONFIG_LINE}
 * for the two commands that carry an lvs.cf text, so a connection holds at most that much); at most
 * {@link #MAX_CONNECTIONS} connections are served at once.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    /** How long a refused peer may take to send what it meant to, before it is told and closed. */
    static final Duration REFUSED_READ_TIMEOUT = Duration.ofSeconds(1);
    static final int MAX_CONNECTIONS = 16;

    private final Path path;
    private final PeerPolicy policy;
    private final ControlProtocol protocol;
    private final ServerSocketChannel server;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger();
    private final ScheduledExecutorService deadlines;
    private final Thread acceptor;
    private final Duration requestTimeout;
    private final Duration sendTimeout;
    private final Consumer<Throwable> onFailure;
    private volatile boolean closed;

    private ControlServer(Path path, PeerPolicy policy, ControlProtocol protocol, ServerSocketChannel server,
            Duration requestTimeout, Duration sendTimeout, Consumer<Throwable> onFailure) {
        this.path = path;
        this.policy = policy;
        this.protocol = protocol;
        this.server = server;
        this.requestTimeout = requestTimeout;
        this.sendTimeout = sendTimeout;
        this.onFailure = onFailure;
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jlvs-control-deadlines");
            t.setDaemon(true);
            return t;
        });
        this.acceptor = Thread.ofVirtual().name("jlvs-control-accept").unstarted(this::acceptLoop);
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
    public static ControlServer start(Path path, Optional<String> group, ControlTarget target, Consumer<Throwable> onFailure) {
        return start(path, group, target, REQUEST_TIMEOUT, SEND_TIMEOUT, onFailure);
    }

    /** {@link #start(Path, Optional, ControlTarget)} with other deadlines (tests). */
    static ControlServer start(Path path, Optional<String> group, ControlTarget target, Duration requestTimeout,
            Duration sendTimeout) {
        return start(path, group, target, requestTimeout, sendTimeout, e -> { });
    }

    private static ControlServer start(Path path, Optional<String> group, ControlTarget target, Duration requestTimeout,
            Duration sendTimeout, Consumer<Throwable> onFailure) {
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
            ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.bind(UnixDomainSocketAddress.of(path));
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(group.isPresent() ? "rw-rw----" : "rw-------"));
                Optional<GroupPrincipal> permitted = Optional.empty();
                if (group.isPresent()) {
                    permitted = Optional.of(chgrp(path, group.get()));
                }
                ControlServer s = new ControlServer(path, new PeerPolicy(permitted), new ControlProtocol(target), channel,
                        requestTimeout, sendTimeout, onFailure);
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

    /** Sets {@code file}'s group to {@code group} (looked up by the system's name service) and returns it. */
    private static GroupPrincipal chgrp(Path file, String group) throws IOException {
        GroupPrincipal g;
        try {
            g = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
        } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
            throw new IOException("control group '" + group + "' does not exist", e);
        }
        Files.setAttribute(file, "posix:group", g, LinkOption.NOFOLLOW_LINKS);
        return g;
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
                SocketChannel c = server.accept();
                Thread.ofVirtual().name("jlvs-control-conn").start(() -> serve(c));
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

    private void serve(SocketChannel c) {
        try (c) {
            connections.add(c);
            if (closed) {
                return;
            }
            UnixDomainPrincipal peer = c.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!policy.permits(peer)) {
                log.warn(Kv.line("event", "control", "result", "refused", "user", peer.user().getName(),
                        "group", peer.group().getName()));
                // Read (bounded, briefly) what it sent before answering: closing a Unix socket with
                // unread data makes the peer's read fail with ECONNRESET instead of seeing the answer.
                try {
                    within(c, REFUSED_READ_TIMEOUT, () -> new LineReader(c).readLine());
                } catch (LineReader.TooLongException | java.nio.channels.AsynchronousCloseException ignored) {
                    // refused anyway
                }
                if (c.isOpen()) {
                    write(c, "{\"ok\":false,\"error\":\"permission denied: user " + peer.user().getName()
                            + " is neither root nor in the control group\"}");
                }
                return;
            }
            try {
                if (admitted.incrementAndGet() > MAX_CONNECTIONS) {
                    write(c, "{\"ok\":false,\"error\":\"too many control connections (at most " + MAX_CONNECTIONS + ")\"}");
                    return;
                }
                converse(c);
            } finally {
                admitted.decrementAndGet();
            }
        } catch (java.nio.channels.AsynchronousCloseException e) {
            if (!closed) {
                log.debug(Kv.line("event", "control", "result", "deadline_passed"));
            }
        } catch (IOException e) {
            if (!closed) {
                log.debug(Kv.line("event", "control", "result", "connection_error", "error", e.getMessage()));
            }
        } finally {
            connections.remove(c);
        }
    }

    /** Answers a permitted peer's requests, one line each way, until it closes or a deadline passes. */
    private void converse(SocketChannel c) throws IOException {
        LineReader in = new LineReader(c);
        while (!closed) {
            String line;
            try {
                line = within(c, requestTimeout, in::readLine);
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
    }

    private interface Io<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code io} on {@code c}, closing {@code c} if it has not finished within {@code limit}: a
     * blocked read or write then ends with AsynchronousCloseException.
     */
    private <T> T within(SocketChannel c, Duration limit, Io<T> io) throws IOException {
        ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(c), limit.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return io.run();
        } finally {
            deadline.cancel(false);
        }
    }

    private void write(SocketChannel c, String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        within(c, sendTimeout, () -> {
            while (b.hasRemaining()) {
                c.write(b);
            }
            return null;
        });
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
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
        connections.forEach(ControlServer::closeQuietly);
        deadlines.shutdownNow();
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
