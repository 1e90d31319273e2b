package io.jlvs.director.internal;

import io.jlvs.director.ConfigurationRejectedException;
import io.jlvs.director.Director;
import io.jlvs.director.DirectorSettings;
import io.jlvs.director.Plan;

/**
 * The way in to a {@link Director} built from other {@link DirectorParts} (tests, benchmarks) or
 * planned for another role, which the public class does not offer: its API names no internal type.
 * The JDK's SharedSecrets pattern: {@code Director} hands this class its entry when it is initialized,
 * once, and this class asks the JVM to initialize it before the first use.
 */
public final class DirectorAccess {
    /** What {@code Director} does for this class. */
    public interface Entry {
        Director start(DirectorSettings settings, DirectorParts parts) throws ConfigurationRejectedException;

        Plan plan(DirectorSettings settings, DirectorParts parts, Role role) throws ConfigurationRejectedException;
    }

    private static volatile Entry entry;

    private DirectorAccess() {}

    /** Called once, by {@code Director}'s static initializer. */
    public static void install(Entry e) {
        if (entry != null) {
            throw new IllegalStateException("DirectorAccess is installed already");
        }
        entry = e;
    }

    /** {@code Director.start(settings)} with these parts instead of the standard ones. */
    public static Director start(DirectorSettings settings, DirectorParts parts) throws ConfigurationRejectedException {
        return entry().start(settings, parts);
    }

    /** {@code Director.plan(settings)} with these parts, for a director in {@code role}. */
    public static Plan plan(DirectorSettings settings, DirectorParts parts, Role role) throws ConfigurationRejectedException {
        return entry().plan(settings, parts, role);
    }

    private static Entry entry() {
        Entry e = entry;
        if (e == null) {
            try {
                Class.forName(Director.class.getName(), true, Director.class.getClassLoader());
            } catch (ClassNotFoundException impossible) {
                throw new AssertionError(impossible);
            }
            e = entry;
        }
        return e;
    }
}
