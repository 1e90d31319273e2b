# shellcheck shell=bash
# Helpers shared by the scripts in scripts/. Source it; it defines functions and sets nothing else
# (apart from JLVS_REPO), so a caller keeps its own `set` options.

# shellcheck disable=SC2034  # used by the scripts that source this file
# (One subshell, no dirname process: bin/jlvsadm sources this on every start, and each process costs.)
if [[ ${BASH_SOURCE[0]} == */* ]]; then
  JLVS_REPO=$(cd "${BASH_SOURCE[0]%/*}/../.." && pwd -P)
else
  JLVS_REPO=$(cd ../.. && pwd -P)
fi

jlvs_log() { printf 'jlvs: %s\n' "$*" >&2; }
jlvs_die() { printf 'jlvs: error: %s\n' "$*" >&2; exit 1; }
jlvs_section() { printf '\n===== %s =====\n' "$*"; }

# Sets REPLY to the value of KEY in the `release` file of the JDK at $1 (e.g. JAVA_VERSION -> 25.0.3),
# or fails. Bash only, no process: the launchers call it on every start.
jlvs_jdk_release_value() {
  local home=$1 key=$2 line
  REPLY=''
  [[ -r $home/release ]] || return 1
  while IFS= read -r line || [[ -n $line ]]; do
    if [[ $line == "$key=\""* ]]; then
      REPLY=${line#"$key=\""}
      REPLY=${REPLY%%\"*}
      return 0
    fi
  done <"$home/release"
  return 1
}

# Prints the feature version (17, 21, 25, ...) of the JDK at $1, or fails if $1 is not a JDK.
# Reads the `release` file first because starting a JVM just to ask costs a second or more.
jlvs_jdk_major() {
  jlvs_jdk_major_reply "$1" || return 1
  printf '%s\n' "$REPLY"
}

# jlvs_jdk_major, answering in REPLY: no subshell, for the launchers (a process costs milliseconds on
# a host and far more in the emulated guest).
jlvs_jdk_major_reply() {
  local home=$1 v=''
  [[ -x $home/bin/javac && -x $home/bin/java ]] || return 1
  jlvs_jdk_release_value "$home" JAVA_VERSION && v=$REPLY
  if [[ -z $v ]]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n '1s/.*version "\([^"]*\)".*/\1/p')
  fi
  v=${v#1.}         # "1.8.0_402" -> "8.0_402"
  v=${v%%[._+-]*}   # "21.0.5" -> "21"
  [[ $v =~ ^[0-9]+$ ]] || return 1
  REPLY=$v
}

# Exports JAVA_HOME (and puts its bin/ first on PATH) for a JDK >= 21: an existing JAVA_HOME if it
# qualifies, else the newest JDK under /usr/lib/jvm. Fails with advice when there is none.
jlvs_find_jdk() {
  local best='' best_v=0 home v
  if [[ -n ${JAVA_HOME:-} ]] && jlvs_jdk_major_reply "$JAVA_HOME" && (( REPLY >= 21 )); then
    best=$JAVA_HOME
  else
    for home in /usr/lib/jvm/*/; do
      home=${home%/}
      jlvs_jdk_major_reply "$home" || continue
      v=$REPLY
      if (( v >= 21 && v > best_v )); then best=$home; best_v=$v; fi
    done
  fi
  if [[ -z $best ]]; then
    jlvs_log "no JDK >= 21 found (JAVA_HOME='${JAVA_HOME:-}', searched /usr/lib/jvm/*)."
    jlvs_log "install one, e.g. 'apt-get install openjdk-21-jdk-headless' (Debian 13, Ubuntu 24.04);"
    jlvs_log "Debian 12 ships only openjdk-17: use a Temurin 21+ package from Adoptium's apt repository"
    jlvs_log "there, or point JAVA_HOME at any JDK >= 21."
    return 1
  fi
  export JAVA_HOME=$best
  case ":$PATH:" in *":$JAVA_HOME/bin:"*) ;; *) export PATH="$JAVA_HOME/bin:$PATH" ;; esac
}

# Like jlvs_find_jdk, but first installs a JDK >= 21 from the distribution when it offers one.
jlvs_ensure_jdk() {
  local pkg
  jlvs_find_jdk 2>/dev/null && return 0
  for pkg in openjdk-25-jdk-headless openjdk-21-jdk-headless; do
    if jlvs_apt_has_candidate "$pkg"; then
      jlvs_ensure_packages "$pkg"
      break
    fi
  done
  jlvs_find_jdk
}

# Prints the JVM flags that JNR-FFI needs on the JDK in JAVA_HOME. --sun-misc-unsafe-memory-access
# exists only from JDK 23 on, and a JVM refuses to start on an option it does not know.
jlvs_jvm_opts() {
  jlvs_jdk_major_reply "${JAVA_HOME:?JAVA_HOME is not set; call jlvs_find_jdk first}" || return 1
  jlvs_jvm_opts_for "$REPLY"
  printf '%s\n' "${JLVS_JVM_OPTS[*]}"
}

# The same flags for a JDK of feature version $1, into the array JLVS_JVM_OPTS (no subshell).
jlvs_jvm_opts_for() {
  JLVS_JVM_OPTS=(--enable-native-access=ALL-UNNAMED)
  (( $1 >= 23 )) && JLVS_JVM_OPTS+=(--sun-misc-unsafe-memory-access=allow)
  return 0
}

# Prints the syscall backends the kernel tests must run on with the JDK in JAVA_HOME (issue 9):
# java.lang.foreign from JDK 22 on, JNR-FFI always.
jlvs_backends_for_jdk() {
  local v
  v=$(jlvs_jdk_major "${JAVA_HOME:?JAVA_HOME is not set; call jlvs_find_jdk first}") || return 1
  if (( v >= 22 )); then echo "ffm jnr"; else echo "jnr"; fi
}

# Gives Maven's own JVM the same flags (exported in MAVEN_OPTS, once): on JDK 23+ they silence the
# sun.misc.Unsafe warnings that Maven's own libraries trigger.
jlvs_export_maven_opts() {
  local opts
  opts=$(jlvs_jvm_opts) || return 1
  case " ${MAVEN_OPTS:-} " in
    *" $opts "*) ;;
    *) export MAVEN_OPTS="$opts${MAVEN_OPTS:+ $MAVEN_OPTS}" ;;
  esac
}

# Runs `apt-get update` the first time it is needed in this run. The flag is exported so that
# scripts started from this one (scripts/test -> scripts/kernel-tests) do not update again.
jlvs_apt_update_once() {
  [[ ${JLVS_APT_UPDATED:-} == 1 ]] && return 0
  jlvs_log "apt-get update"
  DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
  export JLVS_APT_UPDATED=1
}

# True if apt can install $1 (after refreshing the package lists once).
jlvs_apt_has_candidate() {
  local cand
  command -v apt-get >/dev/null || return 1
  [[ $EUID -eq 0 ]] && jlvs_apt_update_once
  cand=$(apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *//p')
  [[ -n $cand && $cand != '(none)' ]]
}

# Installs those of the given Debian packages that are not installed yet; does nothing (and needs
# neither root nor network) when all are there.
jlvs_ensure_packages() {
  local pkg missing=()
  for pkg in "$@"; do
    if [[ $(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null) != installed ]]; then
      missing+=("$pkg")
    fi
  done
  (( ${#missing[@]} )) || return 0
  [[ $EUID -eq 0 ]] || jlvs_die "missing packages: ${missing[*]} (run as root, or install them first)"
  command -v apt-get >/dev/null || jlvs_die "missing packages: ${missing[*]}, and this is not a Debian-like system"
  jlvs_apt_update_once
  jlvs_log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
}

# Prints a one-line summary of each HotSpot fatal error in the given files (a JVM's own log with the
# "A fatal error has been detected" banner, or an hs_err_pid*.log): the signal and where it struck,
# and the problematic frame. Prints nothing for files without one.
jlvs_jvm_crash_summary() {
  awk 'function flush() { if (sig != "") printf "%s: %s%s\n", file, sig, (frame == "" ? "" : "; problematic frame: " frame); seen = 0; sig = ""; frame = "" }
       FNR == 1 { flush(); file = FILENAME }
       /A fatal error has been detected by the Java Runtime Environment/ { flush(); seen = 1; next }
       seen && sig == "" && /^#  *(SIG[A-Z]+|Internal Error|Out of Memory|There is insufficient memory)/ { sig = $0; sub(/^# */, "", sig); next }
       seen && /^# Problematic frame:/ { getline; frame = $0; sub(/^# */, "", frame); flush() }
       END { flush() }' "$@" 2>/dev/null
}

# True when this machine's kernel can run the kernel tests right now: we are root and IPVS is
# loaded (or loads). Kernels without module support or without IPVS answer false.
jlvs_host_has_ipvs() {
  [[ $EUID -eq 0 ]] || return 1
  [[ -e /proc/net/ip_vs ]] && return 0
  modprobe -q ip_vs 2>/dev/null || true
  [[ -e /proc/net/ip_vs ]]
}
