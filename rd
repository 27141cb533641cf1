#!/usr/bin/env sh
# The policy owners' command line: ./rd help, ./rd test, ./rd decide CASE.json, ... (after mvn -B -q package -DskipTests).
# The same tools as `java -jar target/referral-decisions.jar <command>`, started the way a command that runs for
# seconds is best started (docs/PERFORMANCE.md, "Start-up, warming up, the command line"): from the unpacked build,
# whose classes load faster than from the single jar, with only the JIT's quick compiler (the optimising one would
# still be compiling when the command ends), the serial collector, and the build's class-data archive (pom.xml,
# class-data-archive; ignored if absent). Extra JVM options: RD_JAVA_OPTS.
jar="$(dirname "$0")/target/extracted/referral-decisions.jar"
if [ ! -f "$jar" ]; then
  echo "rd: $jar is not built yet: run mvn -B -q package -DskipTests first" >&2
  exit 2
fi
# shellcheck disable=SC2086
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:SharedArchiveFile="${jar%.jar}.jsa" ${RD_JAVA_OPTS:-} -jar "$jar" "$@"
