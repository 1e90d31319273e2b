package io.jlvs.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The programs lvs.cf runs as the director's role changes (Piranha's {@code active_cmd} and
 * {@code inactive_cmd}, keepalived's {@code notify_*}), and the self-check program that can fail the
 * director over (keepalived's {@code track_script}). Each is a command line as written in the file:
 * split into words as a shell would split them, then executed directly, never by a shell. Each
 * notify program gets the new role, the previous role and the reason as three more arguments.
 *
 * @param activeCmd    {@code active_cmd}: run when this director becomes ACTIVE
 * @param inactiveCmd  {@code inactive_cmd}: run when it leaves ACTIVE (after the addresses are released)
 * @param notifyMaster {@code notify_master}: run on entering ACTIVE (keepalived's MASTER)
 * @param notifyBackup {@code notify_backup}: run on entering BACKUP
 * @param notifyFault  {@code notify_fault}: run on entering FAULT
 * @param notifyStop   {@code notify_stop}: run when the director stops
 * @param notifyAny    {@code notify}: run on every role change
 * @param notifyTimeout {@code notify_timeout}: how long each of these may run before it is killed
 * @param trackScript  {@code track_script}: a program whose failure (exit status not 0, or a timeout)
 *                     sends the director to FAULT
 * @param trackInterval {@code track_script_interval}: time between two runs of it
 * @param trackTimeout {@code track_script_timeout}: how long one run may take
 * @param trackFall    {@code track_script_fall}: failures in a row that make a fault
 * @param trackRise    {@code track_script_rise}: successes in a row that clear it
 */
public record RoleScripts(
        Optional<String> activeCmd,
        Optional<String> inactiveCmd,
        Optional<String> notifyMaster,
        Optional<String> notifyBackup,
        Optional<String> notifyFault,
        Optional<String> notifyStop,
        Optional<String> notifyAny,
        Duration notifyTimeout,
        Optional<String> trackScript,
        Duration trackInterval,
        Duration trackTimeout,
        int trackFall,
        int trackRise) {

    public RoleScripts {
        Objects.requireNonNull(activeCmd, "activeCmd");
        Objects.requireNonNull(inactiveCmd, "inactiveCmd");
        Objects.requireNonNull(notifyMaster, "notifyMaster");
        Objects.requireNonNull(notifyBackup, "notifyBackup");
        Objects.requireNonNull(notifyFault, "notifyFault");
        Objects.requireNonNull(notifyStop, "notifyStop");
        Objects.requireNonNull(notifyAny, "notifyAny");
        Objects.requireNonNull(notifyTimeout, "notifyTimeout");
        Objects.requireNonNull(trackScript, "trackScript");
        Objects.requireNonNull(trackInterval, "trackInterval");
        Objects.requireNonNull(trackTimeout, "trackTimeout");
        if (trackFall < 1 || trackRise < 1) {
            throw new IllegalArgumentException("track_script_fall and track_script_rise must be at least 1");
        }
    }

    /** No programs; the timings at their defaults (docs/lvs.cf.md). */
    public static RoleScripts none() {
        return new RoleScripts(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(30), Optional.empty(), Duration.ofSeconds(2),
                Duration.ofSeconds(2), 1, 1);
    }

    /** Every command line given, each with its lvs.cf key, in the file's documented order. */
    public java.util.Map<String, String> commands() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        activeCmd.ifPresent(c -> out.put("active_cmd", c));
        inactiveCmd.ifPresent(c -> out.put("inactive_cmd", c));
        notifyMaster.ifPresent(c -> out.put("notify_master", c));
        notifyBackup.ifPresent(c -> out.put("notify_backup", c));
        notifyFault.ifPresent(c -> out.put("notify_fault", c));
        notifyStop.ifPresent(c -> out.put("notify_stop", c));
        notifyAny.ifPresent(c -> out.put("notify", c));
        trackScript.ifPresent(c -> out.put("track_script", c));
        return out;
    }
}
