/**
 * The director's configuration: Piranha's {@code lvs.cf} read with line numbers into immutable,
 * validated records ({@link io.jlvs.config.Configuration}), written back, and imported from
 * {@code ipvsadm-save} output and keepalived.conf {@code virtual_server} sections.
 *
 * <p>Every problem is a {@link io.jlvs.config.Diagnostic} naming file, line and key; parsing
 * collects all of them and fails with one {@link io.jlvs.config.ConfigException}, so a broken file
 * never yields a half-read configuration. {@link io.jlvs.config.LvsCfParser} parses the same
 * file again at the cost of the virtual blocks that changed, for reloads.
 */
package io.jlvs.config;
