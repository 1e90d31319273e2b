package io.jlvs.config.internal;

import java.net.InetAddress;

/** A server block's values while it is being read. */
final class ServerDraft {
    InetAddress address;
    int port;
    boolean active = true;
    int weight = 1;
}
