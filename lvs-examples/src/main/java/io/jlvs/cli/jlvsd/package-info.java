/**
 * jlvsd: the director daemon. Reads a Piranha lvs.cf, keeps the IPVS table reconciled with it,
 * reloads on SIGHUP and stops cleanly on SIGTERM/SIGINT; everything else is
 * {@link io.jlvs.director.Director}. Entry point: {@link io.jlvs.cli.jlvsd.Jlvsd}.
 */
package io.jlvs.cli.jlvsd;
