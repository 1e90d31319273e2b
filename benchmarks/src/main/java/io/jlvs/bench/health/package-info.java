/**
 * Scale measurements of the health monitor: how many real servers it can keep probing at a given
 * interval on this machine, with the CPU it costs and how late probes start. Not tests.
 */
package io.jlvs.bench.health;
