package io.jlvs.cli.training;

import io.jlvs.cli.jlvsadm.Jlvsadm;
import io.jlvs.cli.jlvsctl.Jlvsctl;
import io.jlvs.cli.jlvsd.Jlvsd;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code AotTraining jlvsadm|jlvsctl|jlvsd}: runs what a user's start of that program runs (parsing, help,
 * version, a read, and for jlvsadm {@code -R --dry-run} of 1,200 lines), in-process and with its output discarded, inside a JVM started with
 * {@code -XX:AOTCacheOutput} (JDK 25+) or {@code -XX:ArchiveClassesAtExit} (JDK 21-24) by the launcher
 * ({@code JLVS_AOT_TRAIN=1 bin/jlvsadm}, scripts/lib/launch.sh; packaging/launcher.sh). Every command is
 * harmless: nothing is written to the kernel or to a file that is not its own. Where the kernel has no
 * IPVS or the user is not root the reads fail, which is fine: the classes on the way there are what the
 * cache is for.
 *
 * <p>Exit status 0 when the program named is known (whatever its commands answered), 2 otherwise.
 */
public final class AotTraining {
    /** A control socket nobody listens on: jlvsctl's client path up to "cannot reach jlvsd". */
    static final String NO_SOCKET = "/nonexistent/jlvs-aot-training.sock";

    /** A complete lvs.cf in documentation addresses (RFC 5737): no name to resolve, nothing on the host. */
    static final String TRAINING_LVS_CF = """
            serial_no = 1
            primary = 192.0.2.1
            service = lvs
            network = direct
            virtual training {
                 active = 1
                 address = 192.0.2.80 eth0:1
                 port = 80
                 protocol = tcp
                 scheduler = wlc
                 send = "GET / HTTP/1.0\\r\\n\\r\\n"
                 expect = "HTTP"
                 server web1 {
                     address = 192.0.2.11
                     active = 1
                     weight = 1
                 }
            }
            """;

    private AotTraining() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !List.of("jlvsadm", "jlvsctl", "jlvsd").contains(args[0])) {
            System.err.println("usage: AotTraining jlvsadm|jlvsctl|jlvsd");
            System.exit(2);
        }
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        PrintStream out = System.out;
        PrintStream err = System.err;
        // picocli and logging write to System.out/err: the training's output is nobody's business.
        System.setOut(nowhere);
        System.setErr(nowhere);
        try {
            train(args[0], nowhere);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        System.exit(0);
    }

    /**
     * ipvsadm-save lines for {@code services} TCP services in 198.51.100.0/24 and 203.0.113.0/24
     * (RFC 5737, documentation addresses) with {@code servers} masqueraded real servers each.
     */
    static String restoreInput(int services, int servers) {
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < services; s++) {
            String vip = "198.51.100." + (s % 250 + 1) + ":" + (1000 + s);
            text.append("-A -t ").append(vip).append(" -s wlc\n");
            for (int r = 0; r < servers; r++) {
                text.append("-a -t ").append(vip).append(" -r 203.0.113.").append(r + 1).append(":8080 -m -w 1\n");
            }
        }
        return text.toString();
    }

    static void train(String program, PrintStream nowhere) throws IOException {
        switch (program) {
            case "jlvsadm" -> {
                for (List<String> argv : List.of(List.of("-h"), List.of("--version"), List.of("-Ln"),
                        List.of("-Ln", "--json"), List.of("-Sn"), List.of("-A", "-t", "not-an-address"))) {
                    Jlvsadm.run(argv.toArray(String[]::new), InputStream.nullInputStream(), nowhere, nowhere);
                }
                // -R's path (read, parse, plan) with enough lines that its loops get profiled; --dry-run
                // reads the table and changes nothing (where there is no IPVS it stops after parsing).
                Jlvsadm.run(new String[] {"-R", "--dry-run"},
                        new ByteArrayInputStream(restoreInput(200, 5).getBytes(StandardCharsets.UTF_8)), nowhere, nowhere);
            }
            case "jlvsctl" -> {
                Jlvsctl.run("--help");
                Jlvsctl.run("--version");
                Jlvsctl.run("-s", NO_SOCKET, "status");
                Jlvsctl.run("-s", NO_SOCKET, "weight", "training", "web1", "1");
            }
            case "jlvsd" -> {
                Jlvsd.run("--help");
                Jlvsd.run("--version");
                Path dir = Files.createTempDirectory("jlvs-aot-training-");
                Path config = dir.resolve("lvs.cf");
                Path state = dir.resolve("owned-services");
                try {
                    Files.writeString(config, TRAINING_LVS_CF, StandardCharsets.UTF_8);
                    Jlvsd.run("--check", "--state-file", state.toString(), "-c", config.toString());
                } finally {
                    Files.deleteIfExists(state);
                    Files.delete(config);
                    Files.delete(dir);
                }
            }
            default -> throw new IllegalArgumentException("no program " + program);
        }
    }
}
