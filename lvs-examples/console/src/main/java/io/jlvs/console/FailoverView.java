package io.jlvs.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * This director in its failover pair, from the {@code failover} part of jlvsd's status, in the words
 * the page shows; the live updates send the same record as JSON. Public only for the compiled templates.
 *
 * @param node       primary, backup, single or none
 * @param election   the election's state with why and since when ("ACTIVE: peer dead on all paths, 12 s ago")
 * @param priority   "priority 100, preempt" (empty without a pair)
 * @param heartbeats "sent 120, accepted 118, rejected 0" (empty without a pair)
 * @param addresses  the floating addresses and whether this host holds each
 * @param peers      each peer with its heartbeat paths
 */
public record FailoverView(String node, String election, String priority, String heartbeats, List<AddressView> addresses,
        List<PeerView> peers) {

    /** A floating address; {@code held} is "held" or "not held". */
    public record AddressView(String address, String device, String kind, String held) {
    }

    /** A peer as this director sees it. */
    public record PeerView(String name, String state, String role, String priority, String lastHeard, List<PathView> paths) {
    }

    /** A heartbeat path; {@code state} is "up" or "down". */
    public record PathView(String name, String local, String peer, String state, String lastHeard) {
    }

    static FailoverView of(JsonNode f) {
        String node = f.path("node").asText("none");
        List<AddressView> addresses = new ArrayList<>();
        for (JsonNode a : f.path("addresses")) {
            addresses.add(new AddressView(a.path("address").asText(), a.path("device").asText(),
                    a.path("kind").asText().equals("NAT_ROUTER") ? "NAT router" : "VIP", a.path("held").asBoolean() ? "held" : "not held"));
        }
        List<PeerView> peers = new ArrayList<>();
        for (JsonNode p : f.path("peerNodes")) {
            List<PathView> paths = new ArrayList<>();
            for (JsonNode x : p.path("paths")) {
                paths.add(new PathView(x.path("name").asText(), x.path("local").asText(), x.path("peer").asText(),
                        x.path("up").asBoolean() ? "up" : "down", Format.ago(x.path("lastHeardMillisAgo").asLong(-1))));
            }
            String role = p.path("role").asText();
            peers.add(new PeerView(p.path("name").asText(), p.path("state").asText(), role.isEmpty() ? "not heard yet" : role,
                    Integer.toString(p.path("priority").asInt()), Format.ago(p.path("lastHeardMillisAgo").asLong(-1)), paths));
        }
        if (node.equals("none")) {
            return new FailoverView("none", "no failover module", "", "", addresses, peers);
        }
        String reason = f.path("reason").asText();
        long since = f.path("sinceMillisAgo").asLong(-1);
        String election = f.path("state").asText() + (reason.isEmpty() ? "" : ": " + reason) + (since < 0 ? "" : ", " + Format.ago(since));
        boolean paired = !node.equals("single");
        JsonNode h = f.path("heartbeats");
        return new FailoverView(node, election,
                paired ? "priority " + f.path("priority").asInt() + (f.path("preempt").asBoolean() ? ", preempt" : "") : "",
                paired ? "sent " + h.path("sent").asLong() + ", accepted " + h.path("accepted").asLong() + ", rejected "
                        + h.path("rejected").asLong() : "",
                addresses, peers);
    }
}
