package io.jlvs.cli.jlvsd;

import sun.misc.Signal;

/**
 * POSIX signals for a daemon: the JDK has no public API for SIGHUP, so this uses sun.misc.Signal
 * (module jdk.unsupported, present in every JDK). Handlers run on a thread the JVM starts per signal.
 */
final class Signals {
    private Signals() {
    }

    /** SIGHUP: the conventional "reload your configuration". */
    static void onHangup(Runnable action) {
        Signal.handle(new Signal("HUP"), s -> action.run());
    }

    /** SIGTERM (systemd, kill) and SIGINT (Ctrl-C): stop cleanly instead of the JVM's default exit. */
    static void onTermination(Runnable action) {
        Signal.handle(new Signal("TERM"), s -> action.run());
        Signal.handle(new Signal("INT"), s -> action.run());
    }
}
