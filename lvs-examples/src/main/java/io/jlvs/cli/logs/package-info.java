/** How the programs log: logback to stderr, in journald's form under systemd, levels changeable at run time. */
package io.jlvs.cli.logs;
