package io.jlvs.director.internal;

import io.jlvs.director.AnotherInstanceException;
import io.jlvs.netlink.NetworkNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One director per network namespace: an exclusive lock (fcntl/flock through {@link FileChannel#tryLock})
 * on {@code RUNTIME_DIR/netns-INODE.lock}, INODE being the namespace's nsfs inode, so that every name
 * of one namespace ({@code --netns blue}, {@code ip netns exec blue jlvsd}) meets the same lock.
 *
 * <p>The kernel drops the lock when the process dies, however it dies (kill -9, OOM exit): there is
 * no stale lock to clean up, and the file itself is left in place on purpose (removing it would let
 * a third process lock a new file while a second still holds the old one).
 */
public final class InstanceLock implements AutoCloseable {
    /**
     * The lock files this JVM holds. The one piece of static state here, because the JVM is what
     * holds a POSIX lock: closing any channel on a locked file releases the JVM's lock on it, so a
     * second director in this JVM must be refused before it even opens the file.
     */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock for {@code namespace} in {@code runtimeDirectory} (created root-only when missing).
     *
     * @throws AnotherInstanceException when another process, or another director in this JVM, holds it
     * @throws UncheckedIOException when the directory or the file cannot be used
     */
    public static InstanceLock acquire(Path runtimeDirectory, NetworkNamespace namespace) {
        Path file = fileFor(runtimeDirectory, namespace).toAbsolutePath().normalize();
        if (!HELD.add(file)) {
            throw new AnotherInstanceException(file);
        }
        FileChannel channel = null;
        boolean locked = false;
        try {
            if (!Files.isDirectory(runtimeDirectory)) {
                Files.createDirectories(runtimeDirectory);
                Files.setPosixFilePermissions(runtimeDirectory, PosixFilePermissions.fromString("rwx------"));
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new AnotherInstanceException(file);
            }
            // Who holds it, for an operator reading the file; the lock, not the text, is what counts.
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            locked = true;
            return new InstanceLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("instance lock " + file + ": " + e.getMessage(), e);
        } finally {
            if (!locked) {
                HELD.remove(file);
            }
        }
    }

    /** The lock file of {@code namespace} in {@code runtimeDirectory}. */
    static Path fileFor(Path runtimeDirectory, NetworkNamespace namespace) {
        Object inode;
        try {
            inode = Files.getAttribute(namespace.file(), "unix:ino");
        } catch (IOException | UnsupportedOperationException e) {
            throw new UncheckedIOException("cannot identify " + namespace + " (" + namespace.file() + "): " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
        return runtimeDirectory.resolve("netns-" + inode + ".lock");
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
        HELD.remove(file);
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing held any more
            }
        }
    }
}
