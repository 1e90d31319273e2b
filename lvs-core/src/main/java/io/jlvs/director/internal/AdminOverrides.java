package io.jlvs.director.internal;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an operator set through the control socket, on top of the configuration: a weight, or a real
 * server taken out (disable, or the end of a drain). These live until changed back or until a
 * reload drops the server; they are not written to the configuration file.
 */
public final class AdminOverrides {

    /** One server's overrides: a weight to use instead of the configured one, and whether it is out. */
    public record Override(OptionalInt weight, boolean disabled) {
        static final Override NONE = new Override(OptionalInt.empty(), false);
    }

    private final Map<ServerRef, Override> overrides = new ConcurrentHashMap<>();

    public Override get(ServerRef ref) {
        return overrides.getOrDefault(ref, Override.NONE);
    }

    public void setWeight(ServerRef ref, int weight) {
        overrides.compute(ref, (r, o) -> new Override(OptionalInt.of(weight), o != null && o.disabled()));
    }

    public void setDisabled(ServerRef ref, boolean disabled) {
        overrides.compute(ref, (r, o) -> new Override(o == null ? OptionalInt.empty() : o.weight(), disabled));
    }

    /** Clears the weight override (after a drain ends, the configured weight applies again on enable). */
    public void clearWeight(ServerRef ref) {
        overrides.computeIfPresent(ref, (r, o) -> o.disabled() ? new Override(OptionalInt.empty(), true) : null);
    }

    /** Forgets servers {@code keep} refuses (after a reload removed them). */
    public void retainIf(java.util.function.Predicate<ServerRef> keep) {
        overrides.keySet().removeIf(ref -> !keep.test(ref));
    }

    public Optional<Override> find(ServerRef ref) {
        return Optional.ofNullable(overrides.get(ref));
    }
}
