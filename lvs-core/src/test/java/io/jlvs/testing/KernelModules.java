package io.jlvs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which IPVS modules the running kernel has, as its files say (an independent look at what IPVS will
 * answer): the loadable ones in /lib/modules/RELEASE/kernel/net/netfilter/ipvs and the built-in ones in
 * modules.builtin. Read once: over the guest's 9p root every file access is slow.
 */
public final class KernelModules {
    private static Set<String> ipvsModules;

    private KernelModules() {}

    /** The running kernel's release, e.g. "6.1.0-56-amd64". */
    public static String release() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the kernel has IPVS module {@code name} (e.g. "ip_vs_twos"), loadable or built in. */
    public static synchronized boolean has(String name) {
        if (ipvsModules == null) {
            ipvsModules = load();
        }
        return ipvsModules.contains(name);
    }

    private static Set<String> load() {
        Path dir = Path.of("/lib/modules", release());
        Set<String> names = new HashSet<>();
        try {
            Path builtin = dir.resolve("modules.builtin");
            if (Files.exists(builtin)) {
                for (String line : Files.readAllLines(builtin)) {
                    if (line.contains("/ipvs/")) {
                        names.add(moduleName(line));
                    }
                }
            }
            Path ipvs = dir.resolve("kernel/net/netfilter/ipvs");
            if (Files.isDirectory(ipvs)) {
                try (Stream<Path> files = Files.list(ipvs)) {
                    files.map(p -> moduleName(p.getFileName().toString())).forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(names);
    }

    /** "kernel/net/netfilter/ipvs/ip_vs_rr.ko.xz" -> "ip_vs_rr". */
    private static String moduleName(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        int ko = file.indexOf(".ko");
        return ko < 0 ? file : file.substring(0, ko);
    }

    /** For messages: every IPVS module found. */
    public static List<String> ipvsModules() {
        has("ip_vs");
        return ipvsModules.stream().sorted().toList();
    }
}
