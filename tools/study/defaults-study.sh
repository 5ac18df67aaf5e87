#!/usr/bin/env bash
# Reruns the study that chose `backprop4j train`'s defaults and prints its tables (see the root
# README's "Training on real data" and cli/src/test/java/org/backprop4j/cli/study/DefaultsStudy.java
# for the protocol). Builds the CLI and its test classes, then runs the study in one JVM, one
# training at a time on one thread. Everything it writes (splits, models, runs.tsv) goes to
# cli/target/study.
#   tools/study/defaults-study.sh                   # all stages: coarse, fine (twice), robustness, report
#   tools/study/defaults-study.sh --stage report    # only the report of train's current defaults
# Options: --stage all|report, --backend NAME (tuning; default nd4j),
#   --report-backends NAME,... (default nd4j,ejml,naive), --work DIR (default cli/target/study).
# The whole study is about 1,300 trainings (the project's machine: about 1 h on one thread); a run
# already in WORK/runs.tsv is not repeated, so an interrupted study continues where it stopped.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q package -DskipTests
exec java -cp "cli/target/test-classes:cli/target/backprop4j-cli.jar:cli/target/lib/*" \
  org.backprop4j.cli.study.DefaultsStudy "$@"
