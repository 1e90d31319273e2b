# shellcheck shell=bash
# Shared by bin/jlvsadm, bin/jlvsd, bin/jlvsctl and bin/jlvs-console: finds the built jar and a JDK >= 21,
# then runs a main class with it. Source it after setting `repo`; call jlvs_launch NAME NATIVE MAIN_CLASS ARGS...
# NATIVE is "native" when the program makes syscalls (jLVS's syscall backend) and so needs the
# JVM options of scripts/lib/common.sh's jlvs_jvm_opts, or "plain" when it needs none.
#
# Ahead-of-time cache (docs/startup.md): a program whose cache exists for this JDK and is newer than
# its jar and every jar in lib/ starts with it (JDK 25+: -XX:AOTCache; JDK 21-24: a dynamic CDS
# archive), which takes a third or more off jlvsadm's start on the host (benchmarks/README.md). That
# check is the launcher's job: JDK 25 maps a cache made for a jar that has since been rebuilt and runs
# the cached (old) classes (seen: a class deleted from the jar still ran). The JVM itself refuses a
# corrupt cache or one made by another JVM; its messages about that are switched off, so such a cache
# costs speed, never output. Other options (GC, C1 only, JLVS_JAVA_OPTS) do not invalidate a cache.
# The cache is made by a training run: JLVS_AOT_TRAIN=1 bin/NAME (scripts/aot-train runs it for every
# program; scripts/test, kernel-tests, bench and demo run that after their build). Environment:
# JLVS_AOT=off starts without the cache; JLVS_AOT_CACHE=FILE uses (or, with JLVS_AOT_TRAIN=1, writes)
# that file instead of target/aot/NAME-<JDK runtime version>.aot.

# shellcheck source-path=SCRIPTDIR source=common.sh
source "$repo/scripts/lib/common.sh"

jlvs_launch() {
  local name=$1 native=$2 main=$3 target jar='' candidate
  # bin/jlvs-console runs another module's jar: JLVS_LAUNCH_MODULE (its folder) and JLVS_LAUNCH_ARTIFACT.
  local module=${JLVS_LAUNCH_MODULE:-lvs-examples} artifact=${JLVS_LAUNCH_ARTIFACT:-lvs-examples}
  shift 3
  target=$repo/$module/target
  for candidate in "$target"/"$artifact"-*.jar; do
    case $candidate in *-sources.jar | *-javadoc.jar | *-tests.jar) continue ;; esac
    [[ -f $candidate ]] && jar=$candidate && break
  done
  if [[ -z $jar || ! -d $target/lib ]]; then
    echo "$name: $target has no $artifact jar and lib/ yet; build first:" >&2
    echo "  cd $repo && mvn -B -DskipTests install" >&2
    exit 1
  fi
  if ! jlvs_find_jdk 2>/dev/null; then
    echo "$name: no JDK >= 21 found (JAVA_HOME='${JAVA_HOME:-}', searched /usr/lib/jvm/*); install one or set JAVA_HOME" >&2
    exit 1
  fi
  local major
  jlvs_jdk_major_reply "$JAVA_HOME" && major=$REPLY
  local -a opts=()
  if [[ $native == native ]]; then
    # Exactly what this JDK needs so that no JVM warning reaches the terminal or the journal:
    # native access for the FFM backend (JDK 22+) and JNR's libffi stub; from JDK 23 on also
    # sun.misc.Unsafe memory access, which JNR (the JDK 21 backend) uses.
    jlvs_jvm_opts_for "$major"
    opts=("${JLVS_JVM_OPTS[@]}")
  fi
  # In the QEMU guest of scripts/vm/run under multi-threaded TCG, C1 only: tiered compilation makes
  # methods "not entrant" when C2 replaces them, patching a jump over their entry while other vCPUs
  # may be running or translating that code, and QEMU 7.2's multi-threaded TCG then executes a torn or
  # stale entry (measured: a SIGSEGV at exactly such a patched entry; see scripts/vm/run). C1 only has
  # no tier-up, so almost no such patching, and is faster to start under emulation anyway.
  local -a guest=()
  [[ ${JLVS_IN_VM:-} == 1 && ${JLVS_VM_TCG_THREAD:-multi} == multi ]] && guest=(-XX:TieredStopAtLevel=1)
  local -a extra=()
  [[ -n ${JLVS_JAVA_OPTS:-} ]] && read -r -a extra <<<"$JLVS_JAVA_OPTS"
  local -a java=("$JAVA_HOME/bin/java" "${opts[@]}" "${JLVS_LAUNCH_OPTS[@]}" "${guest[@]}" "${extra[@]}")
  local cache
  jlvs_aot_cache "$name" "$target" && cache=$REPLY
  if [[ ${JLVS_AOT_TRAIN:-} == 1 ]]; then
    jlvs_aot_train "$name" "$cache" "$major" "${java[@]}" -cp "$jar"
    exit
  fi
  local -a aot=()
  if [[ ${JLVS_AOT:-on} != off ]] && jlvs_aot_fresh "$cache" "$jar" "$target/lib"; then
    if (( major >= 25 )); then
      aot=(-XX:AOTCache="$cache" -Xlog:aot=off -Xlog:cds=off)
    else
      aot=(-XX:SharedArchiveFile="$cache" -Xlog:cds=off)
    fi
  fi
  exec "${java[@]}" "${aot[@]}" -cp "$jar" "$main" "$@"   # the jar's manifest names its jars in target/lib: a stale one left there stays out
}

# True when cache $1 exists and is newer than jar $2 and every jar in directory $3 (no process: -nt).
jlvs_aot_fresh() {
  local cache=$1 jar=$2 lib=$3 f
  [[ -f $cache && $cache -nt $jar ]] || return 1
  for f in "$lib"/*.jar; do
    [[ -e $f ]] || continue
    [[ $cache -nt $f ]] || return 1
  done
}

# Sets REPLY to where program $1's ahead-of-time cache for the JDK in JAVA_HOME is: $JLVS_AOT_CACHE when
# set, else $2/aot/$1-<the JDK's runtime version>.aot ($2 is the module's target/). One file per JDK
# build, so switching JDKs and back keeps both; the JVM still checks that the file is its own.
jlvs_aot_cache() {
  local name=$1 target=$2 v=unknown
  if [[ -n ${JLVS_AOT_CACHE:-} ]]; then
    REPLY=$JLVS_AOT_CACHE
    return 0
  fi
  jlvs_jdk_release_value "$JAVA_HOME" JAVA_RUNTIME_VERSION && [[ -n $REPLY ]] && v=${REPLY//[^A-Za-z0-9.+_-]/_}
  REPLY="$target/aot/$name-$v.aot"
}

# jlvs_aot_train NAME CACHE JDK_MAJOR JAVA_COMMAND... : runs io.jlvs.cli.training.AotTraining NAME with
# exactly the JVM and options the program runs with (a cache is valid only for those), writing the
# cache to a temporary file that replaces CACHE when complete, so that a program started meanwhile
# never maps a half-written one. The JVM's own output goes to CACHE.log; it is shown when training fails.
jlvs_aot_train() {
  local name=$1 cache=$2 major=$3
  shift 3
  local tmp="$cache.$$.tmp" log="$cache.log" rc=0
  mkdir -p "$(dirname "$cache")"
  rm -f "$tmp"
  if (( major >= 25 )); then
    "$@" -XX:AOTCacheOutput="$tmp" io.jlvs.cli.training.AotTraining "$name" >"$log" 2>&1 || rc=$?
  else
    "$@" -XX:ArchiveClassesAtExit="$tmp" io.jlvs.cli.training.AotTraining "$name" >"$log" 2>&1 || rc=$?
  fi
  if (( rc != 0 )) || [[ ! -s $tmp ]]; then
    rm -f "$tmp" "$tmp.config"
    echo "$name: the ahead-of-time training run failed (exit $rc); its output ($log):" >&2
    sed 's/^/  /' "$log" >&2
    return 1
  fi
  mv -f "$tmp" "$cache"
  echo "$name: ahead-of-time cache $cache ($(du -h "$cache" | cut -f1))"
}
