/**
 * Internals of the IPVS client, not API: the kernel's generic-netlink constants
 * ({@link io.jlvs.ipvs.internal.IpvsUapi}, named as in include/uapi/linux/ip_vs.h), the errno to
 * exception mapping ({@link io.jlvs.ipvs.internal.IpvsErrors}), and the codecs between the public
 * values and netlink attributes.
 */
package io.jlvs.ipvs.internal;
