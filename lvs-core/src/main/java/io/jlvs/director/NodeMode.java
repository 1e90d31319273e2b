package io.jlvs.director;

/** Which director of a failover pair this one is (jlvsd {@code --node}). */
public enum NodeMode {
    /** The configuration's {@code primary}: takes the role whenever it is healthy. */
    PRIMARY,
    /** The configuration's {@code backup}: serves only while the primary is away. */
    BACKUP,
    /** Whichever of {@code primary} and {@code backup} is an address of this host. */
    AUTO
}
