package io.jlvs.cli.jlvsadm;

/**
 * The command line (or a line of -R input) is wrong: the message says what and names the bad token.
 * jlvsadm prints the message and exits with status 2, as ipvsadm does for its own argument errors.
 */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    /** This error as found on line {@code line} of -R input. */
    UsageException atLine(int line) {
        return new UsageException("line " + line + ": " + getMessage());
    }
}
