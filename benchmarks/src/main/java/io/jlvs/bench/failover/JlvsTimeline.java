package io.jlvs.bench.failover;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One jLVS failover, instant by instant (wall clock): where the time from the unplug to the client's
 * first answer went. Detection is the dead time after the last accepted heartbeat; the takeover is the
 * election, the address added and the first gratuitous ARP sent; the rest is the client's.
 *
 * @param unplugged   the primary's links were taken down
 * @param lastHeard   the backup last accepted a heartbeat of the primary
 * @param declaredDead the backup declared the primary dead on all paths
 * @param decidedActive the backup decided on ACTIVE
 * @param addressAdded the VIP was on the backup's interface (rtnetlink acknowledged)
 * @param firstArp    the first round of gratuitous ARP was sent
 * @param answered    the client first read the backup's answer through the VIP
 * @param steps       the takeover's own summary line ({@code Takeover.lastTimeline()})
 */
record JlvsTimeline(Instant unplugged, Instant lastHeard, Instant declaredDead, Instant decidedActive,
        Instant addressAdded, Instant firstArp, Instant answered, String steps) {

    /** Each instant as milliseconds after the unplug (the last heartbeat is usually before it: negative). */
    Map<String, Double> millisFromUnplug() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("last heartbeat accepted", millis(lastHeard));
        m.put("primary declared dead", millis(declaredDead));
        m.put("backup decided ACTIVE", millis(decidedActive));
        m.put("VIP added", millis(addressAdded));
        m.put("first gratuitous ARP sent", millis(firstArp));
        m.put("client's first answer", millis(answered));
        return m;
    }

    /** One line for the run's log. */
    String line() {
        return String.format(java.util.Locale.ROOT,
                "last heartbeat %+.1f ms, dead %+.1f (detection %.1f after the last heartbeat), ACTIVE %+.1f, VIP %+.1f,"
                        + " first ARP %+.1f, answer %+.1f ms after the unplug; %s",
                millis(lastHeard), millis(declaredDead), between(lastHeard, declaredDead), millis(decidedActive),
                millis(addressAdded), millis(firstArp), millis(answered), steps);
    }

    private double millis(Instant at) {
        return between(unplugged, at);
    }

    private static double between(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }
}
