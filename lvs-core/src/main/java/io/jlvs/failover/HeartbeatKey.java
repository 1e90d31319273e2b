package io.jlvs.failover;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The secret the nodes of one group share to authenticate heartbeats (HMAC-SHA256, RFC 2104).
 * At least 16 bytes; RFC 2104 section 3 advises no less than the hash output (32), which
 * {@link HeartbeatKeyFile#create} (the CLI's {@code jlvsd keygen}) writes.
 */
public final class HeartbeatKey {
    /** Shorter keys are refused: they make forgery cheap. */
    public static final int MIN_LENGTH = 16;

    private final byte[] bytes;

    private HeartbeatKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A key from raw bytes (copied). */
    public static HeartbeatKey of(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_LENGTH) {
            throw new IllegalArgumentException("heartbeat key has " + key.length + " bytes; at least " + MIN_LENGTH
                    + " are needed (32 random bytes recommended)");
        }
        return new HeartbeatKey(key.clone());
    }

    /** The key in a file; see {@link HeartbeatKeyFile#read} for what is refused. */
    public static HeartbeatKey fromFile(Path file) {
        return HeartbeatKeyFile.read(file);
    }

    /** A copy of the key bytes (for the MAC). */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeartbeatKey k && MessageDigest.isEqual(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Never the key itself. */
    @Override
    public String toString() {
        return "HeartbeatKey[" + bytes.length + " bytes]";
    }
}
