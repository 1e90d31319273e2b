/**
 * jlvs-console: a web console for jlvsd in its own unprivileged process. It reads and changes the
 * director only through jlvsd's control socket, behind logins with Argon2id hashes, server-side sessions,
 * CSRF tokens and an audit log (docs/console.md).
 */
package io.jlvs.console;
