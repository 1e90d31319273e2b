package io.jlvs.director.internal;

import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.IpvsException;
import io.jlvs.ipvs.SyncDaemon;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the IPVS connection sync daemon in step with the role: master on the active director (it
 * sends its connection table), backup elsewhere (it receives, so a takeover keeps connections).
 */
public final class SyncDaemonFollower {
    private static final Logger log = LoggerFactory.getLogger(SyncDaemonFollower.class);

    private SyncDaemonFollower() {
    }

    /** Brings the kernel's sync daemons to what {@code role} wants; no-op when none is configured. */
    public static void follow(IpvsClient ipvs, Optional<SyncSpec> spec, Role role) {
        if (spec.isEmpty()) {
            return;
        }
        SyncDaemon.State want = role == Role.ACTIVE ? SyncDaemon.State.MASTER : SyncDaemon.State.BACKUP;
        SyncDaemon.State other = want == SyncDaemon.State.MASTER ? SyncDaemon.State.BACKUP : SyncDaemon.State.MASTER;
        try {
            boolean running = false;
            for (SyncDaemon d : ipvs.syncDaemons()) {
                if (d.state() == other) {
                    ipvs.stopSyncDaemon(other);
                    log.info(Kv.line("event", "syncdaemon", "action", "stop", "state", other));
                } else if (d.state() == want) {
                    running = true;
                }
            }
            if (!running) {
                SyncDaemon d = want == SyncDaemon.State.MASTER
                        ? SyncDaemon.master(spec.get().interfaceName(), spec.get().syncId())
                        : SyncDaemon.backup(spec.get().interfaceName(), spec.get().syncId());
                ipvs.startSyncDaemon(d);
                log.info(Kv.line("event", "syncdaemon", "action", "start", "state", want,
                        "interface", spec.get().interfaceName(), "syncid", spec.get().syncId()));
            }
        } catch (IpvsException e) {
            log.error(Kv.line("event", "syncdaemon", "result", "failed", "state", want, "error", e.getMessage()));
        }
    }
}
