/**
 * JMH benchmarks of jLVS's own encoding and decoding, with no kernel: one IPVS request and reply
 * ({@code IpvsCodec}), the netlink attribute writer and reader, and a 10,000-entry dump. Reply bytes are
 * made with the codec's reply writers, laid out as the kernel's ip_vs_genl_fill_* functions send them.
 */
package io.jlvs.bench.codec;
