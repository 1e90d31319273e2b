package io.jlvs.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.jlvs.ipvs.Ipvs;
import io.jlvs.sys.SyscallBackend;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The benchmarks jar's entry point: takes JMH's own command-line options and adds what JMH cannot know.
 * <ul>
 * <li>Each forked JVM gets the flags it needs to run without warnings: {@code --enable-native-access=ALL-UNNAMED}
 *     for both backends, and on JDK 23+ {@code --sun-misc-unsafe-memory-access=allow}, which JNR-FFI needs
 *     and, in every fork, JMH 1.37 itself ({@code org.openjdk.jmh.util.Utils} reads field offsets through
 *     sun.misc.Unsafe). A JDK before 23 refuses that option, so it cannot be written into {@code @Fork}.</li>
 * <li>The {@code backend} parameter covers every backend this JDK supports (FFM only from JDK 22), unless
 *     {@code -p backend=JNR} or similar says otherwise.</li>
 * <li>Where the kernel has no IPVS, {@link IpvsInfoBenchmark} is left out, and the reason printed.</li>
 * </ul>
 */
public final class BenchmarkMain {
    static final String BACKEND_PARAM = "backend";
    private static final int FIRST_JDK_WITH_UNSAFE_ACCESS_OPTION = 23;

    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("Error parsing command line: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (cli.shouldHelp() || cli.shouldList() || cli.shouldListWithParams() || cli.shouldListProfilers()
                || cli.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        List<String> backends = backends(cli);
        List<String> jvmArgs = new ArrayList<>(cli.getJvmArgsAppend().orElse(List.of()));
        jvmArgs.addAll(forkFlags(Runtime.version().feature()));
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli)
                .param(BACKEND_PARAM, backends.toArray(String[]::new))
                .jvmArgsAppend(jvmArgs.toArray(String[]::new));
        Optional<String> noIpvs = Ipvs.unavailabilityCause();
        if (noIpvs.isPresent()) {
            System.out.println("# Skipping IpvsInfoBenchmark: " + noIpvs.get());
            options.exclude(IpvsInfoBenchmark.class.getName());
        }
        try {
            new Runner(options.build()).run();
        } catch (RunnerException e) {
            System.err.println("ERROR: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The backends asked for with {@code -p backend=...}, else every one this JDK supports. */
    static List<String> backends(CommandLineOptions cli) {
        if (cli.getParameter(BACKEND_PARAM).hasValue()) {
            return List.copyOf(cli.getParameter(BACKEND_PARAM).get());
        }
        return Arrays.stream(SyscallBackend.values())
                .filter(SyscallBackend::isSupported)
                .map(SyscallBackend::name)
                .toList();
    }

    /**
     * The JVM flags a fork needs on JDK {@code jdk}. Were it not for JMH's own use of sun.misc.Unsafe, the
     * second would be needed only where JNR runs. Flags the fork also inherits from this JVM do no harm twice.
     */
    static List<String> forkFlags(int jdk) {
        List<String> flags = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED"));
        if (jdk >= FIRST_JDK_WITH_UNSAFE_ACCESS_OPTION) {
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        return flags;
    }
}
