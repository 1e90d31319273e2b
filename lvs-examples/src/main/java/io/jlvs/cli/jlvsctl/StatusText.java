package io.jlvs.cli.jlvsctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** jlvsctl status as a person reads it: the role, then each service with a table of its real servers. */
final class StatusText {
    private StatusText() {
    }

    static String format(JsonNode s) {
        StringBuilder out = new StringBuilder();
        out.append("role ").append(s.path("role").asText()).append("   failovers ").append(s.path("failovers").asLong())
                .append("   config ").append(s.path("configFile").asText()).append('\n');
        String auth = s.path("heartbeatAuthentication").asText("none");
        if (!auth.equals("none")) {
            out.append("heartbeat authentication ").append(auth)
                    .append(auth.equals("insecure") ? "   (heartbeat_insecure = 1: anyone who can reach the heartbeat port can forge heartbeats)" : "")
                    .append('\n');
        }
        for (JsonNode p : s.path("peers")) {
            out.append("peer ").append(p.asText()).append('\n');
        }
        for (JsonNode svc : s.path("services")) {
            out.append('\n').append("virtual ").append(svc.path("name").asText()).append("   ").append(svc.path("key").asText())
                    .append("   ").append(svc.path("scheduler").asText())
                    .append(svc.path("active").asBoolean() ? "" : "   (active = 0)")
                    .append(svc.path("programmed").asBoolean() ? "   in kernel" : "   not in kernel").append('\n');
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"server", "address", "health", "weight", "config", "admin", "active", "inactive", "reason"});
            for (JsonNode r : svc.path("servers")) {
                int w = r.path("weight").asInt();
                rows.add(new String[] {r.path("name").asText(), r.path("address").asText(), r.path("health").asText(),
                        w < 0 ? "-" : Integer.toString(w), r.path("configuredWeight").asText(), r.path("admin").asText(),
                        r.path("activeConnections").asText(), r.path("inactiveConnections").asText(), r.path("reason").asText()});
            }
            out.append(table(rows));
        }
        return out.toString();
    }

    private static String table(List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.append("  ");
            for (int i = 0; i < r.length; i++) {
                sb.append(i == r.length - 1 ? r[i] : String.format("%-" + width[i] + "s  ", r[i]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
