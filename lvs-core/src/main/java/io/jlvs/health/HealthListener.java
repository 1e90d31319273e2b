package io.jlvs.health;

/**
 * Told of every {@link HealthEvent}, in order, on the monitor's decision thread: return quickly and
 * do not call back into the monitor's lifecycle methods. An exception thrown here is logged and
 * does not stop other listeners.
 */
@FunctionalInterface
public interface HealthListener {
    void onEvent(HealthEvent event);
}
