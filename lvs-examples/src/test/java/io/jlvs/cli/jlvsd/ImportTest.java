package io.jlvs.cli.jlvsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.config.LvsCf;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jlvsd import: keepalived.conf or ipvsadm-save output in, lvs.cf out, every loss named on stderr. */
class ImportTest {
    private static final String KEEPALIVED = """
            global_defs {
               router_id LVS_1
            }
            virtual_server 10.0.0.1 80 {
                delay_loop 6
                lb_algo wrr
                lb_kind NAT
                protocol TCP
                real_server 10.0.1.1 8080 {
                    weight 3
                    inhibit_on_failure
                    PING_CHECK {
                        connect_timeout 2
                    }
                }
            }
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return new picocli.CommandLine(new Jlvsd()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void aKeepalivedConfBecomesLvsCfOnStdoutWithItsWarningsOnStderr() throws Exception {
        Path in = Files.writeString(dir.resolve("keepalived.conf"), KEEPALIVED);

        assertEquals(0, run("import", in.toString()), err.toString());

        String lvsCf = out.toString();
        assertTrue(lvsCf.contains("check_type = \"ping\""), lvsCf);
        assertTrue(lvsCf.contains("quiesce_server = 1"), lvsCf);
        assertTrue(err.toString().contains("does not load until these are fixed"), err.toString());
        assertTrue(err.toString().contains("nat_router"), err.toString());
        String completed = "nat_router = 10.0.1.254 eth1:1\n" + lvsCf;
        assertEquals(1, LvsCf.parse("lvs.cf", completed).configuration().virtualServers().size());
        assertTrue(err.toString().contains(in + ":2: warning: router_id: lvs.cf has no equivalent; not imported"), err.toString());
    }

    @Test
    void ipvsadmSaveOutputIsRecognisedAndWrittenToANewFileOnly() throws Exception {
        Path in = Files.writeString(dir.resolve("rules"), "-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 2\n");
        Path target = dir.resolve("lvs.cf");

        assertEquals(0, run("import", in.toString(), "-o", target.toString()), err.toString());
        assertTrue(Files.readString(target).contains("address = 10.0.1.1"), Files.readString(target));
        assertTrue(err.toString().contains("wrote " + target), err.toString());

        assertEquals(ExitCodes.CANT_CREATE, run("import", in.toString(), "-o", target.toString()));
        assertTrue(err.toString().contains(target + " exists; it is never overwritten"), err.toString());
    }

    @Test
    void anErrorWritesNothingAndExits78() throws Exception {
        Path in = Files.writeString(dir.resolve("keepalived.conf"), "virtual_server 10.0.0.1 80 {\n  lb_algo fastest\n");
        Path target = dir.resolve("lvs.cf");

        assertEquals(ExitCodes.CONFIG, run("import", in.toString(), "-o", target.toString()));
        assertFalse(Files.exists(target));
        assertTrue(err.toString().contains("nothing written"), err.toString());
        assertEquals(ExitCodes.NO_INPUT, run("import", dir.resolve("missing.conf").toString()));
    }
}
