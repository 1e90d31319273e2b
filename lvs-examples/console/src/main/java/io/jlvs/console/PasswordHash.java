package io.jlvs.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format that libargon2 and most tools write
 * ({@code $argon2id$v=19$m=65536,t=3,p=1$SALT$HASH}, unpadded base64), so that the parameters travel
 * with the hash and stronger ones can be chosen later without invalidating older entries.
 */
final class PasswordHash {
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** Refuse parameters that would let a users file make the console allocate without bound. */
    private static final int MAX_MEMORY_KIB = 1024 * 1024;
    private static final int MAX_ITERATIONS = 20;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,})\\$([A-Za-z0-9+/]{22,})");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * What one hash costs: memory in KiB and passes over it (argon2's {@code -k} and {@code -t}), one lane.
     *
     * @param memoryKib 8 KiB to 1 GiB
     * @param passes 1 to 20
     */
    record Cost(int memoryKib, int passes) {
        /** RFC 9106 section 4's second recommended choice: 64 MiB, 3 passes, one lane. */
        static final Cost RECOMMENDED = new Cost(64 * 1024, 3);

        Cost {
            if (memoryKib < 8 * PARALLELISM || memoryKib > MAX_MEMORY_KIB) {
                throw new IllegalArgumentException("Argon2id memory must be 8 to " + MAX_MEMORY_KIB + " KiB, got " + memoryKib);
            }
            if (passes < 1 || passes > MAX_ITERATIONS) {
                throw new IllegalArgumentException("Argon2id passes must be 1 to " + MAX_ITERATIONS + ", got " + passes);
            }
        }

        /** Whether this costs an attacker less than {@link #RECOMMENDED} on some axis. */
        boolean weakerThanRecommended() {
            return memoryKib < RECOMMENDED.memoryKib || passes < RECOMMENDED.passes;
        }

        /** The larger of the two on each axis. */
        Cost max(Cost other) {
            return new Cost(Math.max(memoryKib, other.memoryKib), Math.max(passes, other.passes));
        }
    }

    private PasswordHash() {
    }

    /** A new hash of {@code password} with a fresh random salt and the recommended cost. */
    static String hash(char[] password) {
        return hash(password, Cost.RECOMMENDED);
    }

    /** A new hash of {@code password} with a fresh random salt and {@code cost}. */
    static String hash(char[] password, Cost cost) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, cost.memoryKib(), cost.passes(), PARALLELISM, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.passes() + ",p=" + PARALLELISM + "$"
                + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** The cost written in {@code phc}, a {@link #wellFormed} hash. */
    static Cost cost(String phc) {
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an Argon2id hash ($argon2id$v=19$m=...,t=...,p=...$salt$hash)");
        }
        return new Cost(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Whether {@code password} matches {@code phc}; the comparison takes the same time wherever they differ. */
    static boolean verify(char[] password, String phc) {
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an Argon2id hash ($argon2id$v=19$m=...,t=...,p=...$salt$hash)");
        }
        int memory = Integer.parseInt(m.group(1));
        int iterations = Integer.parseInt(m.group(2));
        int parallelism = Integer.parseInt(m.group(3));
        if (parallelism < 1 || memory < 8 * parallelism) {
            throw new IllegalArgumentException("Argon2id parameters out of range: m=" + memory + ",t=" + iterations + ",p=" + parallelism);
        }
        Cost cost = new Cost(memory, iterations);   // the same bounds as for a new hash
        byte[] salt = Base64.getDecoder().decode(m.group(4));
        byte[] expected = Base64.getDecoder().decode(m.group(5));
        byte[] actual = derive(password, salt, cost.memoryKib(), cost.passes(), parallelism, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Whether {@code phc} looks like a hash this class can verify. */
    static boolean wellFormed(String phc) {
        return PHC.matcher(phc).matches();
    }

    private static byte[] derive(char[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        byte[] secret = toUtf8(password);
        try {
            generator.generateBytes(secret, out);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        return out;
    }

    private static byte[] toUtf8(char[] password) {
        java.nio.ByteBuffer b = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        if (b.hasArray()) {
            Arrays.fill(b.array(), (byte) 0);
        }
        return out;
    }
}
