package io.jlvs.director.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;

/**
 * The control socket's protocol: one JSON object per line each way. A request names a
 * {@code command} and its arguments; the answer is {@code {"ok":true,"result":...}} or
 * {@code {"ok":false,"error":"..."}}.
 *
 * <pre>
 * {"command":"status"}
 * {"command":"reload"}                 {"command":"plan"}
 * {"command":"config"}                                        (lvs.cf's text and SHA-256, the failover peers)
 * {"command":"plan","config":"TEXT"}                          (TEXT checked and planned, nothing applied)
 * {"command":"apply-config","config":"TEXT","base_sha256":"HEX"}
 * {"command":"weight","service":"http","server":"web1","weight":5}
 * {"command":"enable","service":"http","server":"web1"}     (and "disable")
 * {"command":"drain","service":"http","server":"web1","timeout_seconds":30}
 * {"command":"log-level","level":"debug","logger":"io.jlvs.health"}     ("logger" left out: the root logger)
 * </pre>
 *
 * <p>A request line is at most {@link #MAX_LINE} bytes, but for the two that carry an lvs.cf text
 * ({@code plan} and {@code apply-config}), which may take {@link #MAX_CONFIG_LINE}: a text of up to
 * {@link ConfigEdits#MAX_CONFIG_BYTES} bytes fits even with every character escaped once. A refused
 * configuration's answer carries its problems as {@code "diagnostics":["file:line: key: what", ...]}.
 */
public final class ControlProtocol {
    /** The longest request line accepted, newline excluded; longer ones are refused and the connection closed. */
    public static final int MAX_LINE = 64 * 1024;
    /** The longest line of a request that carries an lvs.cf text. */
    public static final int MAX_CONFIG_LINE = 2 * ConfigEdits.MAX_CONFIG_BYTES + MAX_LINE;
    private static final Set<String> CARRY_CONFIG = Set.of("plan", "apply-config");
    private static final java.util.regex.Pattern SHA256 = java.util.regex.Pattern.compile("[0-9a-f]{64}");
    /** The largest weight, as lvs.cf's {@code weight} and ipvsadm allow it. */
    public static final int MAX_WEIGHT = 65535;
    /** A drain waits at most this long unless the request says otherwise. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration MAX_DRAIN_TIMEOUT = Duration.ofHours(24);

    private static final Set<String> COMMANDS = Set.of("status", "reload", "plan", "weight", "enable", "disable", "drain",
            "log-level", "config", "apply-config");

    private final ObjectMapper json = new ObjectMapper();
    private final ControlTarget target;

    public ControlProtocol(ControlTarget target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /** Answers one request line (without its newline) with one response line (without newline). */
    public String handle(String line) {
        try {
            JsonNode request = json.readTree(line);
            if (request == null || !request.isObject()) {
                return error("a request is one JSON object per line, e.g. {\"command\":\"status\"}");
            }
            if (line.length() > MAX_LINE && !CARRY_CONFIG.contains(request.path("command").asText())) {
                return tooLong();
            }
            return ok(dispatch((ObjectNode) request));
        } catch (io.jlvs.director.ConfigurationRejectedException e) {
            return error(e.getMessage(), e.problems());
        } catch (JsonProcessingException e) {
            return error("request is not valid JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error("interrupted: the director is stopping");
        } catch (Exception e) {
            return error(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** A response for a line that was too long to read. */
    public String tooLong() {
        return error("request line longer than " + MAX_LINE + " bytes (" + MAX_CONFIG_LINE + " for plan and apply-config,"
                + " whose lvs.cf text may have " + ConfigEdits.MAX_CONFIG_BYTES + " bytes)");
    }

    private Object dispatch(ObjectNode r) throws Exception {
        String command = text(r, "command");
        if (!COMMANDS.contains(command)) {
            throw new IllegalArgumentException("unknown command '" + command + "' (known: " + String.join(", ", COMMANDS.stream().sorted().toList()) + ")");
        }
        return switch (command) {
            case "status" -> {
                allowed(r);
                yield target.status();
            }
            case "reload" -> {
                allowed(r);
                int operations = target.reload();
                yield java.util.Map.of("operations", operations, "restart_needed", target.restartNeeded());
            }
            case "plan" -> {
                allowed(r, "config");
                yield r.has("config") ? target.configEdits().plan(configText(r)) : target.plan();
            }
            case "config" -> {
                allowed(r);
                yield target.configEdits().current();
            }
            case "apply-config" -> {
                allowed(r, "config", "base_sha256");
                String base = text(r, "base_sha256");
                if (!SHA256.matcher(base).matches()) {
                    throw new IllegalArgumentException("'base_sha256' must be the SHA-256 that 'config' answered (64 lower-case hex digits)");
                }
                yield target.configEdits().apply(configText(r), base);
            }
            case "weight" -> {
                allowed(r, "service", "server", "weight");
                JsonNode w = r.get("weight");
                if (w == null || !w.canConvertToInt() || !w.isIntegralNumber() || w.intValue() < 0 || w.intValue() > MAX_WEIGHT) {
                    throw new IllegalArgumentException("'weight' must be a whole number 0.." + MAX_WEIGHT + ", got " + (w == null ? "nothing" : w));
                }
                target.weight(text(r, "service"), text(r, "server"), w.intValue());
                yield java.util.Map.of("weight", w.intValue());
            }
            case "enable", "disable" -> {
                allowed(r, "service", "server");
                target.enable(text(r, "service"), text(r, "server"), command.equals("enable"));
                yield java.util.Map.of("enabled", command.equals("enable"));
            }
            case "drain" -> {
                allowed(r, "service", "server", "timeout_seconds");
                Duration timeout = DEFAULT_DRAIN_TIMEOUT;
                JsonNode t = r.get("timeout_seconds");
                if (t != null) {
                    if (!t.isNumber() || t.doubleValue() < 0 || t.doubleValue() > MAX_DRAIN_TIMEOUT.toSeconds()) {
                        throw new IllegalArgumentException("'timeout_seconds' must be a number from 0 to "
                                + MAX_DRAIN_TIMEOUT.toSeconds() + ", got " + t);
                    }
                    timeout = Duration.ofMillis(Math.round(t.doubleValue() * 1000));
                }
                Object result = target.drain(text(r, "service"), text(r, "server"), timeout);
                // JSON has no Duration (Jackson would need its java.time module): seconds, as timeout_seconds
                yield result instanceof io.jlvs.director.DrainResult d
                        ? java.util.Map.of("drained", d.drained(), "activeConnections", d.activeConnections(),
                                "waited_seconds", d.waited().toMillis() / 1000.0)
                        : result;
            }
            case "log-level" -> {
                allowed(r, "level", "logger");
                String level = io.jlvs.director.LogLevels.checked(text(r, "level"));
                java.util.Optional<String> logger = r.has("logger") ? java.util.Optional.of(loggerName(text(r, "logger")))
                        : java.util.Optional.empty();
                yield java.util.Map.of("changed", target.logLevel(logger, level));
            }
            default -> throw new IllegalStateException(command);
        };
    }

    /** A logger name as Java writes them (dotted identifiers, $ for nested classes), at most 200 characters. */
    private static String loggerName(String name) {
        if (name.length() > 200 || !name.matches("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*")) {
            throw new IllegalArgumentException("'logger' must be a logger or package name such as io.jlvs.health, got '"
                    + (name.length() > 200 ? name.substring(0, 200) + "..." : name) + "'");
        }
        return name;
    }

    private static void allowed(ObjectNode r, String... names) {
        Set<String> ok = new java.util.HashSet<>(Set.of(names));
        ok.add("command");
        for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ok.contains(f)) {
                throw new IllegalArgumentException("command '" + r.get("command").asText() + "' takes no argument '" + f + "'");
            }
        }
    }

    /** The lvs.cf text of a request: a string, possibly empty (an empty file is valid lvs.cf). */
    private static String configText(ObjectNode r) {
        JsonNode n = r.get("config");
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("'config' must be the whole lvs.cf text, as a string");
        }
        return n.asText();
    }

    private static String text(ObjectNode r, String field) {
        JsonNode n = r.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new IllegalArgumentException("missing '" + field + "' (a string)"
                    + (field.equals("command") ? ", e.g. {\"command\":\"status\"}" : ""));
        }
        return n.asText();
    }

    private String ok(Object result) throws JsonProcessingException {
        ObjectNode out = json.createObjectNode();
        out.put("ok", true);
        out.set("result", json.valueToTree(result));
        return json.writeValueAsString(out);
    }

    private String error(String message) {
        return error(message, java.util.List.of());
    }

    private String error(String message, java.util.List<String> diagnostics) {
        ObjectNode out = json.createObjectNode();
        out.put("ok", false);
        out.put("error", message);
        if (!diagnostics.isEmpty()) {
            diagnostics.forEach(out.putArray("diagnostics")::add);
        }
        try {
            return json.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
