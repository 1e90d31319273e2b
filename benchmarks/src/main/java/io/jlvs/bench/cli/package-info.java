/**
 * Whole-process start-up of jLVS's command-line programs against the C tools they stand in for:
 * {@link io.jlvs.bench.cli.CliStartupRun} ({@code scripts/bench cli-startup}).
 */
package io.jlvs.bench.cli;
