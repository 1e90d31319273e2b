package io.jlvs.director.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * lvs.cf on disk as the control socket's editing commands see it: its text with the SHA-256 of its
 * bytes, and its replacement in one rename. {@link #replace} writes a temporary file in the file's own
 * directory with the old file's owner, group and mode, forces it to disk, keeps the old file as
 * {@code NAME.prev} (a hard link to it, so the old bytes are never copied or rewritten), renames the
 * new file over the old one and forces the directory. Until that rename the old file is untouched: a
 * write that fails (a full disk) removes the temporary file and changes nothing. A symbolic link is
 * followed: the file it points to is replaced, the link stays.
 */
public final class ConfigFile {
    /** The file's text (UTF-8) and the SHA-256 of its bytes, in lower-case hex. */
    public record Snapshot(String text, String sha256) {}

    /** Writes all of {@code data} to {@code channel}; tests make it fail as a full disk would. */
    interface Writes {
        void write(FileChannel channel, ByteBuffer data) throws IOException;
    }

    private final Path file;
    private final Writes writes;

    public ConfigFile(Path file) {
        this(file, (channel, data) -> {
            while (data.hasRemaining()) {
                channel.write(data);
            }
        });
    }

    ConfigFile(Path file, Writes writes) {
        this.file = file;
        this.writes = writes;
    }

    public Path path() {
        return file;
    }

    /** Where the file replaced last is kept. */
    public Path previous() throws IOException {
        Path real = file.toRealPath();
        return real.resolveSibling(real.getFileName() + ".prev");
    }

    /** The file's text and hash; an IOException when it cannot be read or is not UTF-8. */
    public Snapshot read() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return new Snapshot(decode(bytes), sha256(bytes));
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes, as {@link Snapshot#sha256()} gives it for a file holding it. */
    public static String sha256(String text) {
        return sha256(encode(text));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** UTF-8 bytes of {@code text}; text that cannot be UTF-8 (a lone surrogate) is refused, never written as '?'. */
    static byte[] encode(String text) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the configuration text is not valid Unicode (a lone surrogate)", e);
        }
    }

    private String decode(byte[] bytes) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + " is not UTF-8 text", e);
        }
    }

    /**
     * Replaces the file's contents with {@code text} as described above; returns the new hash. On an
     * IOException the old file is in place, unchanged.
     */
    public String replace(String text) throws IOException {
        Path target = file.toRealPath();
        Path dir = target.getParent();
        String name = target.getFileName().toString();
        PosixFileAttributes old = Files.readAttributes(target, PosixFileAttributes.class);
        byte[] bytes = encode(text);
        Path temp = Files.createTempFile(dir, "." + name + ".", ".new");
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            PosixFileAttributes made = view.readAttributes();
            if (!made.owner().equals(old.owner())) {
                view.setOwner(old.owner());
            }
            if (!made.group().equals(old.group())) {
                view.setGroup(old.group());
            }
            view.setPermissions(old.permissions());
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writes.write(out, ByteBuffer.wrap(bytes));
                out.force(true);
            }
            keepPrevious(target, dir, name);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        forceDirectory(dir);
        return sha256(bytes);
    }

    /** Puts the file kept by the last {@link #replace} back in place (a reload refused the new one). */
    public void restorePrevious() throws IOException {
        Path target = file.toRealPath();
        Files.move(previous(), target, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(target.getParent());
    }

    /** NAME.prev becomes a second name of the current file, replacing the one before in one rename. */
    private static void keepPrevious(Path target, Path dir, String name) throws IOException {
        Path link = dir.resolve("." + name + ".prev.new");
        Files.deleteIfExists(link);
        try {
            Files.createLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            // A file system without hard links: a copy, forced to disk before it takes the name.
            Files.copy(target, link, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel c = FileChannel.open(link, StandardOpenOption.WRITE)) {
                c.force(true);
            }
        }
        Files.move(link, dir.resolve(name + ".prev"), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
