package io.jlvs.health.internal;

import io.jlvs.health.WatchedServer;
import io.jlvs.health.WatchedService;
import java.util.ArrayList;
import java.util.List;

/** The health of one watched service: its servers' tracks, quorum and sorry-server state. */
final class ServiceTrack {
    WatchedService watched;
    final List<ServerTrack> servers = new ArrayList<>();
    boolean quorumHeld = true;
    boolean withdrawn;
    boolean sorryActive;

    ServiceTrack(WatchedService watched) {
        this.watched = watched;
        for (WatchedServer s : watched.servers()) {
            servers.add(new ServerTrack(s, watched.policy(), this));
        }
    }

    long upWeight() {
        long sum = 0;
        for (ServerTrack t : servers) {
            if (t.healthy) {
                sum += t.targetWeight();
            }
        }
        return sum;
    }

    boolean anyHealthy() {
        for (ServerTrack t : servers) {
            if (t.healthy) {
                return true;
            }
        }
        return false;
    }
}
