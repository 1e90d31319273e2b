package io.jlvs.failover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The file that holds a group's {@link HeartbeatKey}: its whole content is the key. Like ssh with a
 * private key, a file that group or others may read or write is refused: whoever can read it can
 * forge heartbeats, whoever can write it can replace the key. {@link #create} makes one with mode
 * 0600 from {@link SecureRandom}; the same file is then copied to the other director.
 */
public final class HeartbeatKeyFile {
    /** What {@link #create} writes: as long as the HMAC-SHA256 output (RFC 2104 section 3). */
    public static final int GENERATED_LENGTH = 32;
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private HeartbeatKeyFile() {}

    /**
     * The key in {@code file}. Refused, naming the file and the fix, when it cannot be read, is
     * shorter than {@link HeartbeatKey#MIN_LENGTH}, or is open to group or others.
     */
    public static HeartbeatKey read(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] content;
        try {
            checkPrivate(file);
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read heartbeat key file " + file + ": " + e.getMessage(), e);
        }
        if (content.length < HeartbeatKey.MIN_LENGTH) {
            throw new IllegalArgumentException("heartbeat key file " + file + " holds " + content.length
                    + " bytes; at least " + HeartbeatKey.MIN_LENGTH + " are needed (make one with: jlvsd keygen -o "
                    + file + ")");
        }
        return HeartbeatKey.of(content);
    }

    /**
     * Writes a new random key to {@code file}, created with mode 0600; an existing file is never
     * overwritten (it may be the key the other director already has).
     */
    public static HeartbeatKey create(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] key = new byte[GENERATED_LENGTH];
        new SecureRandom().nextBytes(key);
        // Created with its final mode, so the key is never readable by others, not even briefly.
        try (SeekableByteChannel out = Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer b = ByteBuffer.wrap(key);
            while (b.hasRemaining()) {
                out.write(b);
            }
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException(file + " already exists; not overwritten (remove it first to make a new key,"
                    + " then copy the new file to both directors)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create heartbeat key file " + file + ": " + e.getMessage(), e);
        }
        return HeartbeatKey.of(key);
    }

    private static void checkPrivate(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return; // No POSIX permissions on this file system: nothing to check.
        }
        Set<PosixFilePermission> mode = view.readAttributes().permissions();
        if (mode.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new IllegalArgumentException("heartbeat key file " + file + " is open to group or others (mode "
                    + PosixFilePermissions.toString(mode) + "): anyone who reads it can forge heartbeats; "
                    + "make it private with: chmod 600 " + file);
        }
    }
}
