# What bench/wrk and bench/tls-connections share; sourced from the repository's root, not run.

# The JVM flags of the collector and the no-op server, and of the broker (bench/README.md says why).
target_flags="-Xms96m -Xmx96m -Xmn64m -XX:SurvivorRatio=4 -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=128m -Xss512k -XX:+ExitOnOutOfMemoryError"
broker_flags="-XX:+UseParallelGC -Xms512m -Xmx512m -Xmn256m"

# bench_jar TOOL: sets jar to target/ves-collector.jar's absolute path, building it when it is missing or
# older than the sources.
bench_jar() {
  jar=target/ves-collector.jar
  if [[ ! -f $jar ]] || [[ -n $(find pom.xml src/main schemas config -newer "$jar" -print -quit) ]]; then
    echo "$1: building $jar" >&2
    mvn -B -q -DskipTests package >&2
  fi
  jar=$(pwd)/$jar
}

# bench_work: a temporary directory in $work and the list $pids of the processes started; on exit both go.
bench_work() {
  work=$(mktemp -d)
  pids=()
  trap bench_cleanup EXIT
}
bench_cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}

# free_ports N: N free loopback ports on one line.
free_ports() {
  python3 -c '
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])' "$1"
}
