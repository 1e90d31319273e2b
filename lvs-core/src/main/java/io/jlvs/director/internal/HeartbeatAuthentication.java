package io.jlvs.director.internal;

import io.jlvs.config.ClusterSettings;
import io.jlvs.failover.HeartbeatKey;
import io.jlvs.failover.HeartbeatKeyFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * How a director's heartbeats are authenticated, as lvs.cf says: a pair needs
 * {@code heartbeat_key_file}; without it, only an explicit {@code heartbeat_insecure = 1} lets it run,
 * with a key derived from the directors' addresses and port. That key is no secret (anyone who can
 * reach the heartbeat port can compute it and forge "peer ACTIVE, priority 255"), so it is never
 * what a missing key silently means. A single director has no heartbeats.
 */
public enum HeartbeatAuthentication {
    /** A single director: no peer, no heartbeats. */
    NONE("none"),
    /** HMAC-SHA256 with the key in {@code heartbeat_key_file}. */
    KEY_FILE("key-file"),
    /** HMAC-SHA256 with the key derived from the configuration: forgeable. */
    INSECURE("insecure");

    private final String label;

    HeartbeatAuthentication(String label) {
        this.label = label;
    }

    /** As status, jlvsctl and metrics show it. */
    public String label() {
        return label;
    }

    /** Whether {@code c} describes a pair of directors that exchange heartbeats. */
    public static boolean paired(ClusterSettings c) {
        return c.backup().isPresent() && c.primary().isPresent() && c.heartbeat();
    }

    /** The mode {@code c} asks for (a key file wins over {@code heartbeat_insecure}). */
    public static HeartbeatAuthentication of(ClusterSettings c) {
        if (!paired(c)) {
            return NONE;
        }
        return c.heartbeatKeyFile().isPresent() ? KEY_FILE : INSECURE;
    }

    /**
     * What keeps {@code c} from running, or nothing: a pair without a key file or
     * {@code heartbeat_insecure = 1}, or a key file that cannot be used (missing, short, open to others).
     */
    public static List<String> problems(ClusterSettings c) {
        if (!paired(c)) {
            return List.of();
        }
        if (c.heartbeatKeyFile().isEmpty()) {
            return c.heartbeatInsecure() ? List.of() : List.of("heartbeat_key_file: a pair of directors (primary and backup"
                    + " with heartbeat = 1) needs a heartbeat key: without one anyone who can reach UDP port "
                    + c.heartbeatPort() + " can forge the peer's heartbeats and take or drop the active role."
                    + " Make one with `jlvsd keygen -o /etc/jlvs/heartbeat.key`, copy it to both directors (scp -p),"
                    + " and set heartbeat_key_file = \"/etc/jlvs/heartbeat.key\"; or accept forgeable heartbeats"
                    + " with heartbeat_insecure = 1");
        }
        try {
            HeartbeatKeyFile.read(c.heartbeatKeyFile().get());
            return List.of();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return List.of("heartbeat_key_file: " + e.getMessage());
        }
    }

    /** The key a pair's heartbeats are signed with; only for {@link #KEY_FILE} and {@link #INSECURE}. */
    HeartbeatKey key(ClusterSettings c) {
        return switch (this) {
            case KEY_FILE -> HeartbeatKeyFile.read(c.heartbeatKeyFile().orElseThrow());
            case INSECURE -> derivedKey(c);
            case NONE -> throw new IllegalStateException("a single director has no heartbeat key");
        };
    }

    /** What Piranha-era pairs used: both directors compute it from the file they share; so can anyone. */
    private static HeartbeatKey derivedKey(ClusterSettings c) {
        String seed = "jlvs-heartbeat:" + c.primary().map(InetAddress::getHostAddress).orElse("") + ":"
                + c.backup().map(InetAddress::getHostAddress).orElse("") + ":" + c.heartbeatPort();
        try {
            return HeartbeatKey.of(MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
