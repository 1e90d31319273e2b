/**
 * Small programs that show the jLVS API at work, compiled and tested with the project so that they
 * cannot go stale: {@link io.jlvs.examples.QuickStart} (the README's example),
 * {@link io.jlvs.examples.BulkLoad} (one {@link io.jlvs.ipvs.Batch} of many operations),
 * {@link io.jlvs.examples.ReconcilerSync} (a desired table kept in sync by {@link io.jlvs.director.Reconciler}),
 * {@link io.jlvs.examples.EmbeddedDirector} (a {@link io.jlvs.director.Director} inside an application),
 * {@link io.jlvs.examples.CanaryWeights} (code that takes {@link io.jlvs.ipvs.Ipvs}, tested on
 * {@link io.jlvs.ipvs.InMemoryIpvs}) and {@link io.jlvs.examples.HealthWithoutIpvs} (the health checks
 * with a custom actuator and no IPVS).
 * Read them as sample code; the command-line programs jlvsadm, jlvsd and jlvsctl live in
 * {@code io.jlvs.cli.*}, which is not API.
 */
package io.jlvs.examples;
