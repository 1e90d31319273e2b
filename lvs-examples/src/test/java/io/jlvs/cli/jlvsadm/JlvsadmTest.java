package io.jlvs.cli.jlvsadm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The program's exit status and messages for what can be decided without a kernel. */
class JlvsadmTest {

    private static JlvsadmRun run(String stdin, String... args) {
        return JlvsadmRun.run(stdin, args);
    }

    @Test
    void usageErrorExitsTwoWithTheMessageAndAHint() {
        JlvsadmRun r = run("", "-a", "-t", "10.0.0.1:80", "-r", "10.0.0.2", "-w", "heavy");
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertEquals("illegal weight specified: 'heavy' (0..2147483647)\n"
                + "Try `jlvsadm -h' or 'jlvsadm --help' for more information.\n", r.err());
    }

    @Test
    void helpGoesToStandardOutput() {
        JlvsadmRun r = run("", "-h");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("  jlvsadm -L|l [virtual-service] [options] [--json]\n"));
        assertTrue(r.out().contains("--netns NAME"));
        assertEquals("", r.err());
    }

    @Test
    void version() {
        JlvsadmRun r = run("", "--version");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("jlvsadm "));
    }

    @Test
    void restoreWithABadLineChangesNothingAndNamesTheLine() {
        JlvsadmRun r = run("-A -t 10.0.0.1:80\n-a -t 10.0.0.1:80 -r nowhere.invalid:80\n", "-R", "--netns", "jlvs-no-such-namespace");
        assertEquals(2, r.status());
        assertEquals("line 2: illegal real server address[:port] specified: 'nowhere.invalid:80'\n", r.err());
    }

    @Test
    void missingNamespaceIsSaidPlainly() {
        JlvsadmRun r = run("", "-Ln", "--netns", "jlvs-no-such-namespace");
        assertEquals(1, r.status());
        assertEquals("network namespace 'jlvs-no-such-namespace' does not exist: no /run/netns/jlvs-no-such-namespace"
                + " (see 'ip netns list')\n", r.err());
        assertFalse(r.err().contains("Exception"));
    }

    @Test
    void badNamespaceName() {
        JlvsadmRun r = run("", "-Ln", "--netns", "../etc");
        assertEquals(2, r.status());
        assertEquals("bad network namespace name: '../etc'\n", r.err());
    }
}
