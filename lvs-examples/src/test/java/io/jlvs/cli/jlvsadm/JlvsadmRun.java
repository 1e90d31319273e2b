package io.jlvs.cli.jlvsadm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * jlvsadm run in-process through {@link Jlvsadm#run}, as bin/jlvsadm would run it: what it printed on
 * standard output and standard error, and its exit status.
 *
 * @param status the exit status
 * @param out standard output
 * @param err standard error
 */
record JlvsadmRun(int status, String out, String err) {

    static JlvsadmRun run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Jlvsadm.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new JlvsadmRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
    }
}
