#!/bin/sh
# @NAME@, as installed from a jLVS package (.deb or .tar.gz): runs @MAIN@ on the Java runtime that
# ships with the package (a jlink image of exactly the modules jLVS needs), so no JDK is needed.
# Options: JLVS_JAVA_OPTS adds JVM options (heap size, ...). Made by scripts/package from
# packaging/launcher.sh; bin/@NAME@ in a checkout does the same with the JDK it finds.
set -e
here=$(dirname "$(readlink -f "$0")")
home=$(cd "$here/.." && pwd -P)
# Native access for the syscall layer (java.lang.foreign) and JNR's sun.misc.Unsafe use, granted
# explicitly so that the JVM prints no warning into a terminal or the journal.
# shellcheck disable=SC2086 # JLVS_JAVA_OPTS is a list of words
exec "$home/runtime/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  @JVM_OPTS@ ${JLVS_JAVA_OPTS:-} -cp "$home/lib/*" @MAIN@ "$@"
