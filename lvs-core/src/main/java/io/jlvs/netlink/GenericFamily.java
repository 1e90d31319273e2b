package io.jlvs.netlink;

import java.util.Map;

/**
 * A generic-netlink family as the kernel's controller describes it (CTRL_CMD_GETFAMILY). Family ids are
 * assigned at registration time, so they are always looked up, never hard-coded.
 */
public record GenericFamily(String name, int id, int version, int headerSize, int maxAttribute,
                            Map<String, Integer> multicastGroups) {
}
