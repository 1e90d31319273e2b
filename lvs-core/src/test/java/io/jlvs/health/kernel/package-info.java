/**
 * The health monitor against a real IPVS kernel: real servers listening in a test's own network
 * namespace are killed and restarted, and ipvsadm witnesses the weights follow.
 */
package io.jlvs.health.kernel;
