/**
 * The director: one object per load balancer that keeps the kernel's IPVS table equal to the
 * configuration with the health state applied, follows the failover role, and offers a control
 * socket and a metrics endpoint. {@link io.jlvs.director.Director} is the entry point; jlvsd is a
 * thin command line around it.
 */
package io.jlvs.director;
