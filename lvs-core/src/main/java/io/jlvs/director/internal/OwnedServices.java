package io.jlvs.director.internal;

import io.jlvs.ipvs.ServiceKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IPVS services a director created, remembered across restarts in a state file so that a
 * service later removed from the configuration is still known to be the director's to delete, while
 * a service somebody else made is never touched.
 *
 * <p>A service is claimed before the batch that adds it is sent, so a crash between the two leaves
 * a remembered service that may not exist (harmless: forgotten at the next full read) rather than an
 * existing one nobody remembers (left behind for good). The file is replaced atomically (written
 * beside it, then renamed), so a crash mid-write leaves the old set or the new one, never half.
 *
 * <p>The file records the boot it was written in: the IPVS table does not survive a reboot, so a
 * set from an earlier boot describes nothing in the kernel now and is ignored. Without a file
 * (tests, embedding) the set lives in memory only. Not thread-safe: the director calls it under its
 * lock.
 */
public final class OwnedServices {
    private static final Logger log = LoggerFactory.getLogger(OwnedServices.class);
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private static final String HEADER = "# jlvsd: the IPVS services this director created; written by jlvsd, do not edit";

    private final Optional<Path> file;
    private final String boot;
    private final Set<ServiceKey> keys;
    private boolean writeFailed; // logged once until a write succeeds again

    private OwnedServices(Optional<Path> file, String boot, Set<ServiceKey> keys) {
        this.file = file;
        this.boot = boot;
        this.keys = keys;
    }

    /** The set remembered in {@code file} (empty when missing, unreadable, or from another boot). */
    public static OwnedServices load(Optional<Path> file) {
        return load(file, currentBoot());
    }

    static OwnedServices load(Optional<Path> file, String boot) {
        Set<ServiceKey> keys = new LinkedHashSet<>();
        if (file.isPresent() && Files.exists(file.get())) {
            try {
                read(Files.readAllLines(file.get(), StandardCharsets.UTF_8), boot, file.get(), keys);
            } catch (IOException | RuntimeException e) {
                // Forgetting is the safe way to fail: what is not remembered is left alone.
                keys.clear();
                log.warn(Kv.line("event", "owned_services", "result", "unreadable", "file", file.get(),
                        "error", e.getMessage(), "note", "services removed from the configuration earlier stay in the kernel"));
            }
        }
        return new OwnedServices(file, boot, keys);
    }

    private static void read(List<String> lines, String boot, Path file, Set<ServiceKey> into) {
        String fileBoot = null;
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("boot ")) {
                fileBoot = line.substring(5).trim();
            } else {
                into.add(ServiceKeyText.parse(line.trim()));
            }
        }
        if (!boot.equals(fileBoot)) {
            into.clear();
            log.info(Kv.line("event", "owned_services", "result", "ignored", "file", file,
                    "note", "written in an earlier boot; the IPVS table it described is gone"));
        }
    }

    public boolean contains(ServiceKey key) {
        return keys.contains(key);
    }

    /** A copy of the remembered keys. */
    public Set<ServiceKey> keys() {
        return Set.copyOf(keys);
    }

    /** Remembers {@code created} (written at once when that adds any). */
    public void claim(Collection<ServiceKey> created) {
        if (keys.addAll(created)) {
            save();
        }
    }

    /** Forgets {@code gone} (written at once when that removes any). */
    public void release(Collection<ServiceKey> gone) {
        if (keys.removeAll(gone)) {
            save();
        }
    }

    /** Forgets every key not in {@code present}: services deleted by someone else, or never added. */
    public void retainOnly(Set<ServiceKey> present) {
        if (keys.retainAll(present)) {
            save();
        }
    }

    private void save() {
        if (file.isEmpty()) {
            return;
        }
        Path target = file.get();
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.add("boot " + boot);
        keys.forEach(k -> lines.add(k.toString()));
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, target.getFileName() + ".", ".tmp");
            try {
                Files.write(tmp, lines, StandardCharsets.UTF_8);
                try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.force(true); // on disk before the rename makes it the file
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            if (writeFailed) {
                writeFailed = false;
                log.info(Kv.line("event", "owned_services", "result", "written", "file", target));
            }
        } catch (IOException | RuntimeException e) {
            // The kernel work goes on: what is not written is only forgotten at the next restart.
            if (!writeFailed) {
                writeFailed = true;
                log.error(Kv.line("event", "owned_services", "result", "write_failed", "file", target,
                        "error", e.toString(), "note", "after a restart, services since removed from the configuration are left alone"));
            }
        }
    }

    /** This boot's id, or "unknown" when the kernel does not say (then any file of "unknown" matches). */
    static String currentBoot() {
        try {
            return Files.readString(BOOT_ID).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
