package io.jlvs.console;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed logins counted per client address and per user name, each count forgotten a while after its
 * first failure. Past the limit on either, logins are refused without checking the password, so a
 * guesser can neither go on from one address nor spread one account's guesses over many. Both maps are
 * bounded: a flood of new addresses or names evicts old counts rather than growing the heap.
 */
final class LoginLimiter {
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_KEYS = 100_000;

    private final LoadingCache<String, AtomicInteger> byAddress = counts();
    private final LoadingCache<String, AtomicInteger> byUser = counts();

    /** Whether a login from {@code address} for {@code user} may be tried now. */
    boolean allowed(String address, String user) {
        return count(byAddress, address) < MAX_FAILURES && count(byUser, user) < MAX_FAILURES;
    }

    void failed(String address, String user) {
        byAddress.getUnchecked(address).incrementAndGet();
        byUser.getUnchecked(user).incrementAndGet();
    }

    /** A good login clears its user's count (not its address's: one address may try many names). */
    void succeeded(String user) {
        byUser.invalidate(user);
    }

    private static int count(LoadingCache<String, AtomicInteger> counts, String key) {
        AtomicInteger n = counts.getIfPresent(key);
        return n == null ? 0 : n.get();
    }

    private static LoadingCache<String, AtomicInteger> counts() {
        return CacheBuilder.newBuilder().expireAfterWrite(WINDOW).maximumSize(MAX_KEYS)
                .build(CacheLoader.from(() -> new AtomicInteger()));
    }
}
