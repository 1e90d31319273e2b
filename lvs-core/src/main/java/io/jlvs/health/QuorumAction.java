package io.jlvs.health;

import java.util.List;
import java.util.Objects;

/**
 * What a monitor does when a service's up weight falls below its quorum, and undoes when it
 * returns. A {@link HealthEvent} of kind QUORUM_LOST / QUORUM_REGAINED is published in every case.
 */
public sealed interface QuorumAction {

    /** Only the event (a listener or the director decides). */
    record Notify() implements QuorumAction {
    }

    /** Delete the virtual service while below quorum; add it back, with its current real servers, above. */
    record Withdraw() implements QuorumAction {
    }

    /**
     * Run a program (keepalived's {@code quorum_down} / {@code quorum_up}): an argv, never through a
     * shell, with a bounded run time. Either list may be empty to run nothing on that transition.
     *
     * @param onLost      run when the quorum is lost
     * @param onRegain    run when it is regained
     * @param onLostAtStop also run {@code onLost} when the monitor stops while the service holds its
     *                    quorum, since stopping takes the service away (keepalived's {@code omega})
     */
    record RunCommand(List<String> onLost, List<String> onRegain, boolean onLostAtStop) implements QuorumAction {
        /** Without running anything at stop. */
        public RunCommand(List<String> onLost, List<String> onRegain) {
            this(onLost, onRegain, false);
        }

        public RunCommand {
            onLost = List.copyOf(Objects.requireNonNull(onLost, "quorum command onLost"));
            onRegain = List.copyOf(Objects.requireNonNull(onRegain, "quorum command onRegain"));
            if (onLost.isEmpty() && onRegain.isEmpty()) {
                throw new IllegalArgumentException("quorum command: give a program for onLost, onRegain or both");
            }
            if (onLostAtStop && onLost.isEmpty()) {
                throw new IllegalArgumentException("quorum command: running onLost at stop needs an onLost program");
            }
            checkArgv("quorum command onLost", onLost);
            checkArgv("quorum command onRegain", onRegain);
        }

        private static void checkArgv(String setting, List<String> argv) {
            if (!argv.isEmpty() && argv.get(0).isBlank()) {
                throw new IllegalArgumentException(setting + ": the program (argv[0]) is blank");
            }
        }
    }
}
