package io.jlvs.cli.jlvsd;

/**
 * SIGHUP from the moment jlvsd starts serving: installed before the director's start (minutes on a
 * large table), so that a SIGHUP then is a reload once the start is done, never the JVM's default exit.
 * Hang-ups before {@link #open} are remembered as one (a reload reads the file as it is then, so two
 * would do no more); after it each runs the action. The action only hands the reload over to a thread
 * of jlvsd's own, since a signal's thread must not do the work.
 */
final class HangupGate {
    private Runnable action;
    private boolean pending;

    /** A SIGHUP: the action now, or once the gate opens. */
    synchronized void hangup() {
        if (action == null) {
            pending = true;
        } else {
            action.run();
        }
    }

    /** The start is done: from now on a SIGHUP runs {@code reload}; one that came before runs it now. */
    synchronized void open(Runnable reload) {
        action = reload;
        if (pending) {
            pending = false;
            reload.run();
        }
    }
}
