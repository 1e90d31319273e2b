package io.jlvs.console;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Server-side sessions: a random 256-bit id in the cookie, everything else here. A session ends after
 * its idle timeout, at logout, or when the bounded store needs room (the oldest go first).
 */
final class Sessions {
    /** A logged-in user; {@code csrf} must come back with every change this session posts. */
    record Session(String id, String user, Role role, String csrf) {
    }

    static final int MAX_SESSIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Cache<String, Session> sessions;

    Sessions(Duration idleTimeout, com.google.common.base.Ticker ticker) {
        sessions = CacheBuilder.newBuilder().ticker(ticker).expireAfterAccess(idleTimeout).maximumSize(MAX_SESSIONS).build();
    }

    Session open(String user, Role role) {
        Session s = new Session(token(), user, role, token());
        sessions.put(s.id(), s);
        return s;
    }

    Optional<Session> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(sessions.getIfPresent(id));
    }

    void close(String id) {
        sessions.invalidate(id);
    }

    /** A random 256-bit token, URL-safe. */
    static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
