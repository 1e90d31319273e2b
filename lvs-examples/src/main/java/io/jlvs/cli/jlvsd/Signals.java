package io.jlvs.cli.jlvsd;

/**
 * POSIX signals for a daemon: the JDK has no public API for SIGHUP, so this uses sun.misc.Signal
 * (module jdk.unsupported, present in every JDK). Handlers run on a thread the JVM starts per signal.
 * The "sunapi" warning is known and accepted here (javac and javadoc run with
 * -XDenableSunApiLintControl so that this annotation silences it; an import could not be annotated, hence the qualified names).
 */
@SuppressWarnings("sunapi")
final class Signals {
    private Signals() {
    }

    /** SIGHUP: the conventional "reload your configuration". */
    static void onHangup(Runnable action) {
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> action.run());
    }

    /** SIGTERM (systemd, kill) and SIGINT (Ctrl-C): stop cleanly instead of the JVM's default exit. */
    static void onTermination(Runnable action) {
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> action.run());
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> action.run());
    }
}
