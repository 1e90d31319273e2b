package io.jlvs.cli.jlvsadm;

import io.jlvs.ipvs.Batch;
import io.jlvs.ipvs.Operation;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations -R input stands for, as one {@link Batch}, each with the line it came from; and,
 * played against a copy of the table, what each would do there: change it, change nothing, or fail.
 * -C becomes a delete of every service the table has at that point (read from the kernel, with
 * what earlier lines added), so that the whole input is still one batch.
 */
final class RestorePlan {
    /** What an operation would do to the table as it would be by then. */
    enum Effect { CHANGE, NO_CHANGE, FAIL }

    /** One operation, its line, and what it would do. */
    record Step(int line, Operation operation, Effect effect, String reason) {
        /** "line 3: add service TCP 10.0.0.1:80 wlc", plus ": no change" or ": would fail: ..." */
        String describe() {
            String text = "line " + line + ": " + operation;
            return switch (effect) {
                case CHANGE -> text;
                case NO_CHANGE -> text + ": no change";
                case FAIL -> text + ": would fail: " + reason;
            };
        }
    }

    private final List<Step> steps;

    private RestorePlan(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * @param lines the checked input
     * @param table the kernel's table before the batch (only needed when the input has -C or for a
     *              dry run; may be null otherwise, and then every effect is judged against an empty table)
     */
    static RestorePlan of(List<RestoreReader.Line> lines, Table table) {
        Model model = new Model(table);
        List<Step> steps = new ArrayList<>();
        for (RestoreReader.Line line : lines) {
            ParsedCommand c = line.command();
            switch (c.command()) {
                case FLUSH -> {
                    for (ServiceKey key : List.copyOf(model.services.keySet())) {
                        steps.add(model.play(line.number(), new Operation.DeleteService(key)));
                    }
                }
                case ADD_SERVICE -> steps.add(model.play(line.number(), new Operation.AddService(c.virtualService().orElseThrow())));
                case EDIT_SERVICE -> steps.add(model.play(line.number(), new Operation.EditService(c.virtualService().orElseThrow())));
                case DELETE_SERVICE -> steps.add(model.play(line.number(), new Operation.DeleteService(c.service().orElseThrow())));
                case ADD_SERVER -> steps.add(model.play(line.number(),
                        new Operation.AddRealServer(c.service().orElseThrow(), c.realServer().orElseThrow())));
                case EDIT_SERVER -> steps.add(model.play(line.number(),
                        new Operation.EditRealServer(c.service().orElseThrow(), c.realServer().orElseThrow())));
                case DELETE_SERVER -> steps.add(model.play(line.number(),
                        new Operation.DeleteRealServer(c.service().orElseThrow(), c.realServerAddress().orElseThrow())));
                default -> throw new IllegalArgumentException("line " + line.number() + ": not a table change: " + c.command());
            }
        }
        return new RestorePlan(steps);
    }

    List<Step> steps() {
        return steps;
    }

    /** Every operation, in order, as one batch. */
    Batch batch() {
        Batch.Builder b = Batch.builder();
        steps.forEach(s -> b.add(s.operation()));
        return b.build();
    }

    /** The dry run's report: one line per operation, then a summary. */
    String describe() {
        StringBuilder out = new StringBuilder();
        int changes = 0;
        int failures = 0;
        for (Step s : steps) {
            out.append(s.describe()).append('\n');
            changes += s.effect() == Effect.CHANGE ? 1 : 0;
            failures += s.effect() == Effect.FAIL ? 1 : 0;
        }
        out.append(steps.size()).append(steps.size() == 1 ? " operation: " : " operations: ").append(changes)
                .append(" would change the table, ").append(steps.size() - changes - failures).append(" would change nothing, ")
                .append(failures).append(" would fail\n");
        return out.toString();
    }

    /** A copy of the table that the operations are played against. */
    private static final class Model {
        final Map<ServiceKey, VirtualService> services = new LinkedHashMap<>();
        final Map<ServiceKey, Map<RealServerAddress, RealServer>> servers = new LinkedHashMap<>();

        Model(Table table) {
            if (table != null) {
                for (Table.Service s : table.services()) {
                    services.put(s.key(), s.entry().service());
                    Map<RealServerAddress, RealServer> rs = new LinkedHashMap<>();
                    s.realServers().forEach(e -> rs.put(e.key(), e.server()));
                    servers.put(s.key(), rs);
                }
            }
        }

        Step play(int line, Operation op) {
            ServiceKey key = op.service();
            VirtualService current = services.get(key);
            Map<RealServerAddress, RealServer> rs = servers.get(key);
            return switch (op) {
                case Operation.AddService a -> {
                    if (current != null) {
                        yield new Step(line, op, Effect.FAIL, "service " + key + " already exists");
                    }
                    services.put(key, a.virtualService());
                    servers.put(key, new LinkedHashMap<>());
                    yield new Step(line, op, Effect.CHANGE, null);
                }
                case Operation.EditService e -> {
                    if (current == null) {
                        yield new Step(line, op, Effect.FAIL, "no such service " + key);
                    }
                    services.put(key, e.virtualService());
                    yield new Step(line, op, current.equals(e.virtualService()) ? Effect.NO_CHANGE : Effect.CHANGE, null);
                }
                case Operation.DeleteService d -> {
                    if (current == null) {
                        yield new Step(line, op, Effect.FAIL, "no such service " + key);
                    }
                    services.remove(key);
                    servers.remove(key);
                    yield new Step(line, op, Effect.CHANGE, null);
                }
                case Operation.AddRealServer a -> {
                    if (current == null) {
                        yield new Step(line, op, Effect.FAIL, "no such service " + key);
                    }
                    if (rs.containsKey(a.server().key())) {
                        yield new Step(line, op, Effect.FAIL, "real server " + a.server().key() + " already exists");
                    }
                    rs.put(a.server().key(), a.server());
                    yield new Step(line, op, Effect.CHANGE, null);
                }
                case Operation.EditRealServer e -> {
                    if (current == null) {
                        yield new Step(line, op, Effect.FAIL, "no such service " + key);
                    }
                    RealServer before = rs.get(e.server().key());
                    if (before == null) {
                        yield new Step(line, op, Effect.FAIL, "no such real server " + e.server().key());
                    }
                    rs.put(e.server().key(), e.server());
                    yield new Step(line, op, before.equals(e.server()) ? Effect.NO_CHANGE : Effect.CHANGE, null);
                }
                case Operation.DeleteRealServer d -> {
                    if (current == null) {
                        yield new Step(line, op, Effect.FAIL, "no such service " + key);
                    }
                    if (rs.remove(d.server()) == null) {
                        yield new Step(line, op, Effect.FAIL, "no such real server " + d.server());
                    }
                    yield new Step(line, op, Effect.CHANGE, null);
                }
            };
        }
    }
}
