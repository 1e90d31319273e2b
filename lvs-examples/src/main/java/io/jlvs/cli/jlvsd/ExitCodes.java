package io.jlvs.cli.jlvsd;

/**
 * jlvsd's exit statuses, from sysexits(3): distinct from the JVM's own 1 (uncaught) and 3
 * ({@code -XX:+ExitOnOutOfMemoryError}), so that a supervisor can tell "fix the file first" (78,
 * the only one systemd's unit does not restart) from everything a restart may cure.
 */
final class ExitCodes {
    /** Clean stop, --plan or --release-addresses done. */
    static final int OK = 0;
    /** EX_USAGE: a bad command line. */
    static final int USAGE = 64;
    /** EX_NOINPUT: {@code jlvsd import} cannot read its input file. */
    static final int NO_INPUT = 66;
    /** EX_UNAVAILABLE: cannot run (no IPVS, a port or socket taken, the namespace missing). */
    static final int UNAVAILABLE = 69;
    /** EX_SOFTWARE: a part of the director died; it released its addresses first. */
    static final int SOFTWARE = 70;
    /** EX_CANTCREAT: {@code jlvsd keygen} cannot write its key file (it exists, or the directory is not writable). */
    static final int CANT_CREATE = 73;
    /** EX_TEMPFAIL: another jlvsd manages this network namespace. */
    static final int LOCKED = 75;
    /** EX_CONFIG: the configuration was rejected; nothing was changed. */
    static final int CONFIG = 78;

    private ExitCodes() {
    }

    /** Prints "PROGRAM: MESSAGE" on {@code err} and returns {@code code}, for a subcommand's failure. */
    static int report(java.io.PrintWriter err, String program, int code, String message) {
        err.println(program + ": " + message);
        err.flush();
        return code;
    }
}
