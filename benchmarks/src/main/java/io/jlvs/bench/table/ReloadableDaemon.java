package io.jlvs.bench.table;

import java.io.IOException;

/** A daemon that re-reads its configuration file on SIGHUP (jlvsd, keepalived), as an operator reloads it. */
interface ReloadableDaemon extends WatchedProcess {

    /** Replaces its configuration file with {@code text} in one rename, so it never reads half of it. */
    void rewriteConfig(String text) throws IOException;

    /** SIGHUP, sent by a {@code kill -HUP} process (as systemd's {@code ExecReload} and operators send it). */
    void reload() throws IOException, InterruptedException;
}
