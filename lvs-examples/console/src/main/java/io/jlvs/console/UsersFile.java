package io.jlvs.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The console's users: one {@code NAME:ROLE:ARGON2ID-HASH} line each, {@code #} comments and blank
 * lines kept as they are. Written only by {@code jlvs-console passwd}, mode 0600, replaced atomically.
 */
final class UsersFile {
    /** One user as the file has it. */
    record User(String name, Role role, String hash) {
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Map<String, User> users;
    /**
     * Verified when the name is unknown, so a wrong name costs as long as a wrong password: made at
     * the largest cost any user's hash has (the recommended one for a file without users), once per loaded file.
     */
    private final String dummy;

    private UsersFile(Map<String, User> users) {
        this.users = Map.copyOf(users);
        PasswordHash.Cost cost = PasswordHash.Cost.RECOMMENDED;
        if (!users.isEmpty()) {
            cost = users.values().stream().map(u -> PasswordHash.cost(u.hash())).reduce(PasswordHash.Cost::max).orElseThrow();
        }
        this.dummy = PasswordHash.hash("not a password".toCharArray(), cost);
    }

    static UsersFile load(Path file) throws IOException {
        Map<String, User> users = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                User u = parse(line);
                users.put(u.name(), u);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return new UsersFile(users);
    }

    /** The user whose name and password these are, or empty. Takes an Argon2id run either way. */
    Optional<User> authenticate(String name, char[] password) {
        User u = users.get(name);
        if (u == null) {
            PasswordHash.verify(password, dummy);
            return Optional.empty();
        }
        return PasswordHash.verify(password, u.hash()) ? Optional.of(u) : Optional.empty();
    }

    int size() {
        return users.size();
    }

    /** Adds or replaces {@code user}'s line in {@code file} (created when missing), keeping every other line. */
    static void put(Path file, User user) throws IOException {
        checkName(user.name());
        List<String> out = new ArrayList<>();
        boolean replaced = false;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#") && s.startsWith(user.name() + ":")) {
                    if (!replaced) {
                        out.add(format(user));
                        replaced = true;
                    }
                } else {
                    out.add(line);
                }
            }
        } else {
            out.add("# jlvs-console users: NAME:ROLE:ARGON2ID-HASH, written by `jlvs-console passwd NAME`");
        }
        if (!replaced) {
            out.add(format(user));
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".users", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(tmp, out, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a user name is 1 to 64 of A-Z a-z 0-9 . _ -, got '" + name + "'");
        }
    }

    private static String format(User u) {
        return u.name() + ":" + u.role().word() + ":" + u.hash();
    }

    private static User parse(String line) {
        String[] parts = line.split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected NAME:ROLE:HASH");
        }
        checkName(parts[0]);
        if (!PasswordHash.wellFormed(parts[2])) {
            throw new IllegalArgumentException("user " + parts[0] + ": the hash is not an Argon2id hash; set it again with `jlvs-console passwd " + parts[0] + "`");
        }
        try {
            PasswordHash.cost(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("user " + parts[0] + ": " + e.getMessage());
        }
        return new User(parts[0], Role.parse(parts[1]), parts[2]);
    }
}
