/**
 * Scale runs on the IPVS table, each against a peer in the same run: bulk load and listing against
 * ipvsadm, a single weight change against a keepalived reload, and one operation against the GET_INFO
 * round trip. One generated {@link io.jlvs.bench.table.ScaleTable} feeds jLVS and every peer alike.
 */
package io.jlvs.bench.table;
