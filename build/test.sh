#!/usr/bin/env bash
# Builds Sluice with warnings as errors and runs every test project. Ends with one line: "N passed, N failed[, N skipped]".
# Exit status: 0 when everything passed, 1 otherwise (including a build failure).
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
configuration="${CONFIGURATION:-Release}"
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build Sluice.slnx -c "$configuration" -warnaserror -nologo -clp:ErrorsOnly; then
  echo "The build failed (see the errors above); no test ran."
  echo "0 passed, 1 failed"
  exit 1
fi

# One run per test project, each with its own results file.
status=0
mapfile -t projects < <(grep -o 'Path="tests/[^"]*\.csproj"' Sluice.slnx | sed 's/^Path="//; s/"$//')
for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" -c "$configuration" --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=$?
done

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  p="$(value passed)"; f="$(value failed)"; e="$(value error)"; t="$(value timeout)"; a="$(value aborted)"; n="$(value notExecuted)"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${n:-0}))
done

test_projects="${#projects[@]}"
if [ "$files" -lt "$test_projects" ]; then
  echo "Only $files of $test_projects test projects produced results: a test host crashed or did not start."
  failed=$((failed + test_projects - files))
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status although no test failed: counting the run as failed."
  failed=1
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
