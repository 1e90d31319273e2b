package io.jlvs.director.internal;

import io.jlvs.ipvs.Operation;
import java.util.List;

/**
 * Compares the desired table with the live one and lists the operations that make them equal:
 * services before their real servers on add, real servers before their service on delete, and a
 * setting change as an edit in place, never delete and re-add (that would cut connections).
 */
@FunctionalInterface
public interface TablePlanner {

    /** The ordered operations; empty when the kernel already matches. */
    List<Operation> plan(List<DesiredService> desired, LiveTable live);
}
