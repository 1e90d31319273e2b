package io.jlvs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** --version says the build's version as jlvsd and jlvsctl do: the jar's, or that it is a development build. */
class JlvsConsoleVersionTest {
    @Test
    void theVersionIsTheBuildsNotAWrittenNumber() {
        StringWriter out = new StringWriter();
        assertEquals(0, JlvsConsole.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--version"));
        String v = JlvsConsole.class.getPackage().getImplementationVersion();
        assertEquals("jlvs-console " + (v == null ? "(development build)" : v), out.toString().strip());
    }
}
