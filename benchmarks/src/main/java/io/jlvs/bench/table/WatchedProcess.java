package io.jlvs.bench.table;

import java.io.IOException;

/** A daemon a run started and watches: it fails fast when the daemon has died, quoting its log. */
interface WatchedProcess {

    /** What it is, for messages ("keepalived", "jlvsd"). */
    String name();

    /** Fails, quoting the end of the daemon's log, if it has exited. */
    void requireAlive() throws IOException;

    /** The last lines of its log, on one line. */
    String logTail() throws IOException;
}
