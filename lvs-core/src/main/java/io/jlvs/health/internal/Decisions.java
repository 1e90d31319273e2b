package io.jlvs.health.internal;

import io.jlvs.health.Change;
import io.jlvs.health.HealthEvent;
import java.util.ArrayList;
import java.util.List;

/** What one step of the engine decided: kernel changes, events, and quorum programs to run, in order. */
public final class Decisions {
    public final List<Change> changes = new ArrayList<>();
    public final List<HealthEvent> events = new ArrayList<>();
    public final List<List<String>> commands = new ArrayList<>();

    public boolean isEmpty() {
        return changes.isEmpty() && events.isEmpty() && commands.isEmpty();
    }

    public void addAll(Decisions other) {
        changes.addAll(other.changes);
        events.addAll(other.events);
        commands.addAll(other.commands);
    }
}
