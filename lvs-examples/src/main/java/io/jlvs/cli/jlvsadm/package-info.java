/**
 * jlvsadm: an ipvsadm-compatible command-line program on the typed IPVS API ({@code io.jlvs.ipvs}).
 * It takes ipvsadm's options, checks them by ipvsadm's rules, and lists the table byte for byte as
 * ipvsadm 1.31 does; beyond ipvsadm it offers {@code --json}, {@code --netns NAME} and
 * {@code -R --dry-run}. Entry point: {@link io.jlvs.cli.jlvsadm.Jlvsadm}.
 */
package io.jlvs.cli.jlvsadm;
