/**
 * The training run behind the programs' ahead-of-time caches: {@link io.jlvs.cli.training.AotTraining}
 * runs each program's common start path once in a JVM that records what it loads and links, so that
 * later starts of the same program on the same JVM and class path map it instead of doing it again.
 */
package io.jlvs.cli.training;
