package io.jlvs.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the status page shows: the viewer, and jlvsd's {@code status} answer (DirectorStatus as JSON)
 * read field by field. Public only for the compiled templates, which live in their own package.
 *
 * @param user          who is looking
 * @param role          their role's word
 * @param operator      whether the change forms are shown
 * @param security      whether there are logins (and so a logout button)
 * @param csrf          the session's CSRF token for the forms
 * @param directorRole  INIT, BACKUP, ACTIVE or FAULT, or "unknown" when jlvsd could not be asked
 * @param failovers     jlvsd's failover count
 * @param configFile    the configuration jlvsd runs
 * @param peers         one line per failover peer
 * @param services      the virtual services with their real servers
 * @param notice        the outcome of the last change, or null
 * @param error         why jlvsd could not be asked, or null
 * @param failover      this director in its pair and the peer as it sees it
 * @param drains        the drains started from the console, running or recently ended
 */
public record StatusPage(String user, String role, boolean operator, boolean security, String csrf, String directorRole,
        long failovers, String configFile, List<String> peers, List<ServiceView> services, Notice notice, String error,
        FailoverView failover, List<String> drains) {

    /** The buttons beside the weight form, each a control command of the same name. */
    public static final List<String> ACTIONS = List.of("drain", "enable", "disable");

    /** The charts beside each real server: connections/s, packets/s and bytes/s (in and out added). */
    public static final List<String> SERIES = List.of("cps", "pps", "bps");

    /** How far back the charts go, in words. */
    public static final String CHART_WINDOW = StatusHistory.SAMPLES * StatusHistory.INTERVAL.toSeconds() / 60 + " min";

    /** The outcome of the session's last change: done, or refused (shown as an error). */
    public record Notice(String text, boolean refused) {
    }

    /** One virtual service. */
    public record ServiceView(String name, String key, String scheduler, boolean active, boolean programmed, List<ServerView> servers) {
    }

    /** One real server; {@code rates} are the kernel's estimates as the page writes them. */
    public record ServerView(String name, String address, String health, int weight, int configuredWeight, String admin,
            long activeConnections, long inactiveConnections, String reason, Rates rates) {
        public String weightText() {
            return weight < 0 ? "-" : Integer.toString(weight);
        }
    }

    /** A real server's rates per second, from the kernel's {@code stats}: connections, packets and bytes in/out. */
    public record Rates(String service, String server, String cps, String pps, String bps) {
        static Rates of(String service, String server, JsonNode stats) {
            return new Rates(service, server, Format.si(stats.path("cps").asLong()),
                    Format.si(stats.path("inPps").asLong()) + " / " + Format.si(stats.path("outPps").asLong()),
                    Format.si(stats.path("inBps").asLong()) + "B / " + Format.si(stats.path("outBps").asLong()) + "B");
        }
    }

    /** Every real server's rates in {@code status}, for the live updates. */
    static List<Rates> rates(JsonNode status) {
        List<Rates> out = new ArrayList<>();
        for (JsonNode s : status.path("services")) {
            for (JsonNode r : s.path("servers")) {
                out.add(Rates.of(s.path("name").asText(), r.path("name").asText(), r.path("stats")));
            }
        }
        return out;
    }

    static StatusPage of(Sessions.Session who, boolean security, JsonNode status, Notice notice, List<String> drains) {
        List<String> peers = new ArrayList<>();
        status.path("peers").forEach(p -> peers.add(p.asText()));
        List<ServiceView> services = new ArrayList<>();
        for (JsonNode s : status.path("services")) {
            List<ServerView> servers = new ArrayList<>();
            for (JsonNode r : s.path("servers")) {
                servers.add(new ServerView(r.path("name").asText(), r.path("address").asText(), r.path("health").asText(),
                        r.path("weight").asInt(-1), r.path("configuredWeight").asInt(), r.path("admin").asText(),
                        r.path("activeConnections").asLong(), r.path("inactiveConnections").asLong(), r.path("reason").asText(),
                        Rates.of(s.path("name").asText(), r.path("name").asText(), r.path("stats"))));
            }
            services.add(new ServiceView(s.path("name").asText(), s.path("key").asText(), s.path("scheduler").asText(),
                    s.path("active").asBoolean(), s.path("programmed").asBoolean(), servers));
        }
        return new StatusPage(who.user(), who.role().word(), who.role() == Role.OPERATOR, security, who.csrf(),
                status.path("role").asText("unknown"), status.path("failovers").asLong(), status.path("configFile").asText(),
                peers, services, notice, null, FailoverView.of(status.path("failover")), drains);
    }

    static StatusPage unavailable(Sessions.Session who, boolean security, String error, Notice notice, List<String> drains) {
        return new StatusPage(who.user(), who.role().word(), who.role() == Role.OPERATOR, security, who.csrf(), "unknown", 0, "",
                List.of(), List.of(), notice, error, FailoverView.of(com.fasterxml.jackson.databind.node.MissingNode.getInstance()), drains);
    }
}
