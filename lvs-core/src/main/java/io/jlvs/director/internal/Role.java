package io.jlvs.director.internal;

/**
 * The failover role of this director as the director sees it. Only {@link #ACTIVE} programs
 * services (a backup may keep them too when the configuration says {@code backup_active = 1}).
 */
public enum Role {
    /** Starting: the role is not known yet; nothing is programmed. */
    INIT,
    /** Standing by for the active peer. */
    BACKUP,
    /** Holding the virtual addresses and serving. */
    ACTIVE,
    /** Unable to serve (a monitored link is down); behaves as a backup. */
    FAULT;

    /** Whether services belong in the kernel table in this role. */
    public boolean programs(boolean backupActive) {
        return this == ACTIVE || (backupActive && this != INIT);
    }
}
