package io.jlvs.testing;

import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.IpvsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a kernel test needs from the machine: Linux, root, IPVS in the kernel, and the {@code ip} and
 * {@code ipvsadm} commands. Where any is missing the kernel tests fail, loudly and all alike, rather
 * than skip: a green run that tested nothing would be worse than a red one.
 */
public final class KernelPreconditions {
    static final String ADVICE = "Kernel tests (*KernelIT) need root and a kernel with IPVS. On a machine whose kernel "
            + "has none, run them with scripts/kernel-tests, which boots a VM with a kernel that has IPVS.";

    private static String problem;
    private static boolean checked;

    private KernelPreconditions() {}

    /** Throws an AssertionError naming what is missing, the first time and every time after. */
    public static synchronized void require() {
        if (!checked) {
            problem = findProblem();
            checked = true;
        }
        if (problem != null) {
            throw new AssertionError(problem + "\n" + ADVICE);
        }
    }

    private static String findProblem() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return "not Linux (os.name=" + System.getProperty("os.name") + ")";
        }
        List<String> missing = new ArrayList<>();
        String uid = effectiveUid();
        if (!"0".equals(uid)) {
            missing.add("not running as root (effective uid " + uid + ")");
        }
        for (String tool : List.of("ip", "ipvsadm")) {
            if (!onPath(tool)) {
                missing.add("command '" + tool + "' not found on PATH");
            }
        }
        if (!missing.isEmpty()) {
            return String.join("; ", missing);
        }
        try (IpvsClient client = IpvsClient.open()) {
            client.info();
        } catch (IpvsException e) {
            return "this kernel cannot do IPVS: " + e.getMessage();
        } catch (LinkageError e) {
            return "native syscall layer not loadable: " + e;
        }
        return null;
    }

    private static String effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).strip().split("\\s+")[1];
                }
            }
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown (" + e + ")";
        }
        return "unknown";
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
