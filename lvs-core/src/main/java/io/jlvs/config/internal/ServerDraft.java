package io.jlvs.config.internal;

import java.net.InetAddress;

/** A server block's values while it is being read. */
final class ServerDraft {
    InetAddress address;
    int port;
    RawEntry portEntry;
    int upperThreshold;
    int lowerThreshold;
    boolean active = true;
    int weight = 1;
    /** The block's quiesce_server, or null for the virtual's. */
    Boolean quiesceServer;
    final java.util.Map<String, String> checkSettings = new java.util.LinkedHashMap<>();
}
