package io.jlvs.director.internal;

import io.jlvs.ipvs.Scheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which IPVS schedulers this machine's kernel can load, read from its module files (no kernel call,
 * so {@code --plan} and an offline check answer the same as a start): the modules in
 * {@code /lib/modules/RELEASE/kernel/net/netfilter/ipvs} and the built-in ones in
 * {@code modules.builtin}. Where that directory does not exist (a kernel without modules, a container,
 * a machine that only checks files for another), only the mainline names are known, and any other
 * name is refused: a typo such as {@code scheduler = fastest} would otherwise reach the kernel.
 */
public final class SchedulerModules {
    private static final String IPVS_DIR = "kernel/net/netfilter/ipvs";

    private final String release;
    /** The IPVS module names this kernel has, or empty when its module directory is not there. */
    private final Optional<Set<String>> modules;

    SchedulerModules(Path modulesRoot, String release) {
        this.release = release;
        this.modules = read(modulesRoot.resolve(release));
    }

    /** The running kernel's modules. */
    public static SchedulerModules ofRunningKernel() {
        String release;
        try {
            release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            release = System.getProperty("os.version", "unknown");
        }
        return new SchedulerModules(Path.of("/lib/modules"), release);
    }

    /** Why {@code scheduler} cannot be used on this kernel, or empty when it can (or may: see the class). */
    public Optional<String> problem(Scheduler scheduler) {
        if (scheduler.equals(Scheduler.NONE)) {
            return Optional.empty();   // no module: the kernel takes "none" as is
        }
        String module = scheduler.moduleName();
        if (modules.isPresent()) {
            if (modules.get().contains(module)) {
                return Optional.empty();
            }
            return Optional.of("scheduler '" + scheduler.name() + "' not available: this kernel (" + release
                    + ") has no module " + module + " in /lib/modules/" + release + "/" + IPVS_DIR
                    + (scheduler.isBuiltIn() ? " (it came in a later Linux release, or the kernel was built without it)"
                            : " (install it, or pick one of: " + available() + ")"));
        }
        if (scheduler.isBuiltIn()) {
            return Optional.empty();
        }
        return Optional.of("unknown scheduler '" + scheduler.name() + "' (the mainline ones are "
                + Scheduler.known().stream().map(Scheduler::name).toList() + "; /lib/modules/" + release
                + " is not on this machine, so an out-of-tree module cannot be checked for)");
    }

    private String available() {
        return modules.orElseThrow().stream().filter(m -> m.startsWith("ip_vs_"))
                .map(m -> m.substring("ip_vs_".length())).sorted().toList().toString();
    }

    private static Optional<Set<String>> read(Path dir) {
        Path ipvs = dir.resolve(IPVS_DIR);
        Path builtin = dir.resolve("modules.builtin");
        if (!Files.isDirectory(ipvs) && !Files.isRegularFile(builtin)) {
            return Optional.empty();
        }
        Set<String> names = new HashSet<>();
        try {
            if (Files.isRegularFile(builtin)) {
                for (String line : Files.readAllLines(builtin)) {
                    if (line.contains("/ipvs/")) {
                        names.add(moduleName(line));
                    }
                }
            }
            if (Files.isDirectory(ipvs)) {
                try (Stream<Path> files = Files.list(ipvs)) {
                    files.map(p -> moduleName(p.getFileName().toString())).forEach(names::add);
                }
            }
        } catch (IOException e) {
            return Optional.empty();   // unreadable: no better than absent; the kernel still has the last word
        }
        return Optional.of(Set.copyOf(names));
    }

    /** "kernel/net/netfilter/ipvs/ip_vs_rr.ko.xz" -> "ip_vs_rr". */
    private static String moduleName(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        int ko = file.indexOf(".ko");
        return ko < 0 ? file : file.substring(0, ko);
    }
}
