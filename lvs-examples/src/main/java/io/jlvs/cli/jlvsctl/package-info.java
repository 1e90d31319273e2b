/**
 * jlvsctl: the operator's command line for a running jlvsd, over its control socket (one JSON
 * request and answer per line). Entry point: {@link io.jlvs.cli.jlvsctl.Jlvsctl}.
 */
package io.jlvs.cli.jlvsctl;
