#!/usr/bin/env bash
# What storing one decision costs H2 (the embedded default) and SQLite (WAL, synchronous=FULL), side by side in one
# run: the decision log's table and indexes, groups of 8 rows a durable commit, CPU of the whole process per row
# ("none": making the rows alone, to subtract).
# See src/bench/EmbeddedStoreCost.java. SQLite is fetched for this measurement only; the service does not use it.
#
#   bash src/bench/embedded-store-cost.sh [rows, default 200000] [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-200000}
ROUNDS=${2:-3}
mvn -B -q dependency:get -Dartifact=org.xerial:sqlite-jdbc:3.54.1.0 >/dev/null
strip() { sed 's/\x1b\[[0-9;]*m//g'; }  # Maven colours its output even when asked not to
H2_VERSION=$(mvn -B -q help:evaluate -Dexpression=h2.version -DforceStdout 2>/dev/null | strip || true)
[ -n "$H2_VERSION" ] || H2_VERSION=2.4.240
mvn -B -q dependency:get -Dartifact=com.h2database:h2:$H2_VERSION >/dev/null
repo=$(mvn -B -q help:evaluate -Dexpression=settings.localRepository -DforceStdout | strip)
cp="$repo/org/xerial/sqlite-jdbc/3.54.1.0/sqlite-jdbc-3.54.1.0.jar:$repo/com/h2database/h2/$H2_VERSION/h2-$H2_VERSION.jar"
for round in $(seq "$ROUNDS"); do
  for store in none h2 sqlite; do
    java -Xmx512m -XX:+UseParallelGC -cp "$cp" src/bench/EmbeddedStoreCost.java "$ROWS" "$store"
  done
done
