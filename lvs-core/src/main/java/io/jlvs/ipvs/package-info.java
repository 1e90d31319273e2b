/**
 * The public API for Linux IPVS: what a user of jLVS reads.
 *
 * <p>Values say what the kernel holds, in ipvsadm's words. A {@link io.jlvs.ipvs.ServiceKey}
 * identifies a virtual service (protocol, address and port, or a firewall mark);
 * a {@link io.jlvs.ipvs.VirtualService} is a key with its settings (scheduler, persistence, ...);
 * a {@link io.jlvs.ipvs.RealServer} is a backend of a service. Live counters are kept apart, in
 * {@link io.jlvs.ipvs.ServiceEntry} and {@link io.jlvs.ipvs.RealServerEntry}, so that what is read
 * back compares equal to what was written. All values are immutable records or enums, checked when
 * built (IllegalArgumentException naming the bad value); builders start from ipvsadm's defaults.
 *
 * <p>Failures from the kernel are {@link io.jlvs.ipvs.IpvsException}s, a sealed tree with one type
 * per thing the caller can act on (already exists, no such service, scheduler module missing, not
 * permitted, ...), each carrying the operation and the errno.
 */
package io.jlvs.ipvs;
