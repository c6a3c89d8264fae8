#!/usr/bin/env bash
# DanVan's one test command, used by developers and by CI (.ci/run).
#
#   scripts/test.sh
#
# On a fresh Debian 12 machine, as root: installs what is missing, restores, checks formatting, builds
# once in Release, starts a throwaway PostgreSQL cluster, runs three suites (integration on SQLite,
# integration on PostgreSQL, browser tests) and ends with one line `N passed, N failed`.
# Exits non-zero if anything failed: formatting, the build, a failed or skipped test, a suite that
# produced no results.
#
# Environment (all optional):
#   DANVAN_SUITE_TIMEOUT  hard limit for one suite (default 20m), so a hang cannot eat CI's whole budget.
#   DANVAN_TEST_HANG      limit for one test before its test host is killed (default 5m).
#   DANVAN_SCREENSHOTS    "viewport" (default here) or "full": the browser tests' screenshots show what the window
#                         shows, or the whole page (about two minutes more over a run; set it when reviewing pages).
set -euo pipefail

script_start=$SECONDS

# Work from the repository root whatever the caller's current directory is: every path below is relative.
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
ROOT=$PWD
RESULTS="$ROOT/artifacts/test-results"
E2E_DIR=tests/DanVan.E2E

export DEBIAN_FRONTEND=noninteractive
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DANVAN_SCREENSHOTS=${DANVAN_SCREENSHOTS:-viewport}
# The live terminal logger redraws lines in place; a CI log (or a pipe to a file) needs plain lines.
export MSBUILDTERMINALLOGGER=off

# "1m05s" from a number of seconds.
duration() {
  printf '%dm%02ds' $(($1 / 60)) $(($1 % 60))
}

# Headers carry the time since the start, to see where the run's budget goes.
current_step=""
section() {
  current_step=$*
  printf '\n==== %s ==== (at %s)\n' "$*" "$(duration $((SECONDS - script_start)))"
}

# Every step that failed without producing test counts (format, build, a suite with no TRX) adds one
# failure to the closing line, so that line never reads "0 failed" while the script exits non-zero.
step_failures=0
note_failure() {
  step_failures=$((step_failures + 1))
  echo "FAILED: $*" >&2
}

# ---------------------------------------------------------------------------------------------------
# Cleanup and early failure
# ---------------------------------------------------------------------------------------------------
PG_DIR=""
PG_BIN=""
pg_started=0
suite_pid=""
summary_done=0

# Ends the running suite's whole process group (see run_suite).
kill_suite() {
  if [[ -n $suite_pid ]]; then
    kill -KILL -- "-$suite_pid" 2>/dev/null || true
    suite_pid=""
  fi
}

stop_postgres() {
  if ((pg_started)); then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 ||
      runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    pg_started=0
  fi
  if [[ -n $PG_DIR && -d $PG_DIR ]]; then
    rm -rf "$PG_DIR"
  fi
}

# Runs however the script ends (success, a failed command under set -e, Ctrl-C, kill), so no database
# server, temp folder or test process is left behind. A run that dies before its summary (npm or NuGet
# unreachable, say) still names the step and ends with the closing line, so CI's log says what happened.
on_exit() {
  local rc=$?
  trap - EXIT
  kill_suite
  stop_postgres
  if ((!summary_done && rc != 0)); then
    echo >&2
    echo "FAILED during: ${current_step:-start-up} (exit code $rc)" >&2
    echo "wall time: $(duration $((SECONDS - script_start)))"
    echo "0 passed, 1 failed"
  fi
  exit "$rc"
}
trap on_exit EXIT
# INT/TERM become an ordinary exit so the EXIT trap above runs for them too.
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------------
section "System packages"
# ---------------------------------------------------------------------------------------------------

pg_bin_dir() {
  # Newest installed PostgreSQL major version, so a Debian release with another default still works.
  local initdb
  initdb=$(ls -1 /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -n $initdb ]] && dirname "$initdb"
}

deb_installed() {
  [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true) == "install ok installed" ]]
}

missing=()
[[ -e /etc/ssl/certs/ca-certificates.crt ]] || missing+=(ca-certificates)  # NuGet and npm are HTTPS
[[ -x /usr/bin/chromium ]] || missing+=(chromium)                           # the E2E tests launch this path
pg_bin_dir >/dev/null || missing+=(postgresql)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
deb_installed fonts-liberation2 || missing+=(fonts-liberation2)              # stable text metrics in Chromium
deb_installed fonts-dejavu-core || missing+=(fonts-dejavu-core)              # the charts' PNG font (ADR-0014)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)           # the Nu Html Checker (vnu.jar)
deb_installed libreoffice-writer-nogui || missing+=(libreoffice-writer-nogui) # official documents' PDFs (ADR-0028)
deb_installed libreoffice-calc-nogui || missing+=(libreoffice-calc-nogui)     # the tests open the workbooks too
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)            # the PDFs read back in the tests
[[ -x /usr/sbin/haproxy ]] || missing+=(haproxy)                            # the README's TLS proxy, run by a test
command -v openssl >/dev/null 2>&1 || missing+=(openssl)                    # its handshakes, tried by the same test
# The app runs with InvariantGlobalization=false: without ICU the .NET runtime refuses to start.
ldconfig -p 2>/dev/null | grep -q 'libicuuc\.so' || missing+=(libicu72)

if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  if ((EUID != 0)); then
    echo "cannot install ${missing[*]}: not root" >&2
    exit 1
  fi
  # Only now: an update costs time and network, and a machine that has everything needs neither.
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "all present (chromium, postgresql, npm, java, LibreOffice, poppler, fonts-liberation2, fonts-dejavu-core, ICU)"
fi

PG_BIN=$(pg_bin_dir) || {
  echo "PostgreSQL's initdb not found under /usr/lib/postgresql/*/bin" >&2
  exit 1
}
echo "PostgreSQL: $PG_BIN"
echo "Chromium:   $(/usr/bin/chromium --version 2>/dev/null || echo '?')"
echo "node $(node --version), npm $(npm --version), dotnet $(dotnet --version)"

# ---------------------------------------------------------------------------------------------------
section "Restore (npm ci, dotnet tool restore, dotnet restore)"
# ---------------------------------------------------------------------------------------------------
# --ignore-scripts: vnu-jar's postinstall would try to download, and the jar already ships in the package;
# npm 11 skips scripts by default but an older npm (Debian's own) would not.
npm ci --ignore-scripts --no-audit --no-fund
dotnet tool restore
dotnet restore DanVan.slnx

# ---------------------------------------------------------------------------------------------------
section "Format check (CSharpier at 120 columns, dotnet format style)"
# ---------------------------------------------------------------------------------------------------
# CSharpier owns the layout (width from .editorconfig's max_line_length); dotnet format checks the code style
# rules (usings, braces, namespaces, var, this. …), some of which the build's EnforceCodeStyleInBuild misses (IDE0003
# among them). Run side by side with the build it gains nothing on two cores (measured: 279 s together, about as long
# as one after the other). Its whitespace pass is left out: it disagrees with CSharpier on the indentation of some
# wrapped lambdas. Unused usings (IDE0005) fail the build itself, where the compiler sees the generated resource class
# that dotnet format's workspace misses. Go on after a failure: the build and test results are still worth having in
# the same run.
format_ok=1
if dotnet csharpier check . && dotnet format style DanVan.slnx --verify-no-changes --no-restore --exclude-diagnostics IDE0005; then
  echo "format: clean"
else
  format_ok=0
  note_failure "formatting differs (run 'dotnet csharpier format .' and 'dotnet format style DanVan.slnx', commit the result)"
fi

# ---------------------------------------------------------------------------------------------------
section "Build (Release)"
# ---------------------------------------------------------------------------------------------------
# Built once here; every suite below runs with --no-build so no two steps compile the same project.
# -nodeReuse:false: leave no idle MSBuild worker processes behind after the run.
build_ok=1
if ! dotnet build DanVan.slnx -c Release --no-restore -nodeReuse:false; then
  build_ok=0
  note_failure "build failed (suites still run; anything not built reports as missing)"
fi

# ---------------------------------------------------------------------------------------------------
section "PostgreSQL throwaway cluster"
# ---------------------------------------------------------------------------------------------------
# Under /tmp, not $TMPDIR: the postgres user must be able to reach the folder, and a unix socket path must
# stay short (about 100 bytes at most).
PG_DIR=$(mktemp -d /tmp/danvan-pg.XXXXXX)
chown postgres: "$PG_DIR"
# Fixed encoding and locale: a fresh machine may have no LANG, and initdb would then pick SQL_ASCII,
# which cannot hold Vietnamese. --no-sync: the cluster is thrown away, durability is pointless.
runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U danvan \
  --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$PG_DIR/initdb.log" 2>&1 || {
  cat "$PG_DIR/initdb.log" >&2
  echo "initdb failed" >&2
  exit 1
}

port_in_use() {
  # bash's /dev/tcp needs no extra package (ss/netstat may be missing on a fresh machine).
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# Prefer 54329 (the tests' default), but a developer's own cluster may already be listening there.
pg_port=""
start_failures=0
for candidate in 54329 $(seq 54330 54399); do
  port_in_use "$candidate" && continue
  # A cluster that will not start for another reason (memory, permissions) fails the same way on every port.
  ((start_failures < 3)) || break
  if runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 start \
    -o "-p $candidate -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" >/dev/null; then
    pg_port=$candidate
    pg_started=1
    break
  fi
  # Lost a race for the port (or something else went wrong): show why, then try the next port.
  start_failures=$((start_failures + 1))
  tail -n 5 "$PG_DIR/postgres.log" >&2 || true
done
if [[ -z $pg_port ]]; then
  echo "could not start PostgreSQL (ports 54329-54399); log above" >&2
  exit 1
fi
export DANVAN_TEST_PG="Host=127.0.0.1;Port=$pg_port;Username=danvan;Database=postgres"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port (data in $PG_DIR)"

# ---------------------------------------------------------------------------------------------------
# Suites
# ---------------------------------------------------------------------------------------------------
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

suite_names=()
declare -A suite_seconds=() suite_exit=() suite_problem=()

# run_suite NAME PROJECT [VAR=value ...]: runs one test project, writing $RESULTS/NAME.trx.
run_suite() {
  local name=$1 project=$2
  shift 2
  local settings=() arg
  for arg in "$@"; do
    if [[ $arg == *=* ]]; then settings+=("$arg"); fi
  done
  section "Suite: $name ($project${settings[*]:+, ${settings[*]}})"
  suite_names+=("$name")
  local start=$SECONDS rc=0
  # timeout: a hung suite must fail on its own instead of running into CI's overall limit.
  # --blame-hang-timeout: kills a single stuck test's host (no dump: nothing here would read it).
  # In the background plus wait: timeout puts itself and everything below it in a process group of its
  # own, and knowing its pid lets kill_suite end that whole group on Ctrl-C or when the suite is over.
  env "$@" timeout --kill-after=60s "${DANVAN_SUITE_TIMEOUT:-20m}" \
    dotnet test "$project" -c Release --no-build \
    --results-directory "$RESULTS" \
    --logger "trx;LogFileName=$name.trx" \
    --logger "console;verbosity=normal" \
    --blame-hang-timeout "${DANVAN_TEST_HANG:-5m}" --blame-hang-dump-type none &
  suite_pid=$!
  wait "$suite_pid" || rc=$?
  # xunit v3 runs the tests in a process of their own under the test host; when --blame-hang kills the
  # host, that process lives on (still hung, holding files and ports). It is still in the group: end it.
  kill_suite
  suite_seconds[$name]=$((SECONDS - start))
  suite_exit[$name]=$rc
  if ((rc == 124 || rc == 137)); then
    suite_problem[$name]="timed out after ${DANVAN_SUITE_TIMEOUT:-20m}"
  fi
}

# Every test server's log goes to $RESULTS/server-logs (tests/DanVan.Tests/Infrastructure/LogFile.cs), scanned below.
LOG_DIR="$RESULTS/server-logs"
run_suite sqlite tests/DanVan.Tests/DanVan.Tests.csproj DANVAN_TEST_PROVIDER=sqlite DANVAN_TEST_LOG_DIR="$LOG_DIR"
run_suite postgres tests/DanVan.Tests/DanVan.Tests.csproj DANVAN_TEST_PROVIDER=postgres DANVAN_TEST_LOG_DIR="$LOG_DIR"

# ASVS V16.2.5: no personal data in the logs. The demo's personal data (written by
# OperatorCommandTests.The_demos_personal_data_is_listed_for_the_log_scan) must appear in no server log of the run.
section "Log scan: personal data in the server logs"
scan_list="$LOG_DIR/personal-data.txt"
if [[ ! -s $scan_list ]]; then
  note_failure "log scan: $scan_list was not written (did OperatorCommandTests run?)"
else
  scan_lines=$(cat "$LOG_DIR"/server-*.log 2>/dev/null | wc -l)
  scan_hits=$(cat "$LOG_DIR"/server-*.log 2>/dev/null | grep -F -f "$scan_list" | head -n 20 || true)
  if ((scan_lines < 200)); then
    note_failure "log scan: only $scan_lines log lines were written; the scan would prove nothing"
  elif [[ -n $scan_hits ]]; then
    echo "$scan_hits"
    note_failure "log scan: personal data of the demo found in the server logs (above, at most 20 lines)"
  else
    echo "log scan: $scan_lines log lines of $(ls "$LOG_DIR"/server-*.log | wc -l) test processes, $(wc -l < "$scan_list") personal values of the demo: none found"
  fi
fi

# The browser tests are a project of their own; say plainly when it is not there or not in the solution
# (then it was not restored or built above), rather than letting dotnet test fail obscurely.
e2e_project=$(ls -1 "$E2E_DIR"/*.csproj 2>/dev/null | head -n 1 || true)
if [[ -z $e2e_project ]]; then
  section "Suite: e2e"
  suite_names+=(e2e)
  suite_seconds[e2e]=0
  suite_exit[e2e]=1
  suite_problem[e2e]="no project: $E2E_DIR/*.csproj does not exist"
  echo "e2e: ${suite_problem[e2e]}" >&2
elif ! grep -qF "$e2e_project" DanVan.slnx; then
  section "Suite: e2e"
  suite_names+=(e2e)
  suite_seconds[e2e]=0
  suite_exit[e2e]=1
  suite_problem[e2e]="$e2e_project is not in DanVan.slnx, so it was neither restored nor built"
  echo "e2e: ${suite_problem[e2e]}" >&2
else
  # The E2E tests pick their own database; a provider exported by the caller must not leak into them.
  run_suite e2e "$e2e_project" -u DANVAN_TEST_PROVIDER
fi

# Done with the database before the summary, so the summary is the last thing printed.
stop_postgres

# ---------------------------------------------------------------------------------------------------
section "Summary"
# ---------------------------------------------------------------------------------------------------
# TRX counters, read with grep/sed only (no python on a fresh machine). One attribute of <Counters .../>.
trx_counter() {
  local file=$1 attr=$2 value
  value=$(grep -o '<Counters [^>]*>' "$file" | head -n 1 | sed -n "s/.* $attr=\"\([0-9]*\)\".*/\1/p" || true)
  echo "${value:-0}"
}

# failed_tests TRX: "  FAILED name" and "    message" for each result that failed, errored or timed out.
failed_tests() {
  awk '
    /<UnitTestResult / {
      want = 0
      if ($0 ~ /outcome="(Failed|Error|Timeout|Aborted)"/ && match($0, /testName="[^"]*"/)) {
        print "  FAILED " substr($0, RSTART + 10, RLENGTH - 11)
        want = 1
      }
    }
    # The message (at most six lines) and the frames of the test code in the stack trace (at most three).
    want && /<Message>/ { inmsg = 1; lines = 0 }
    inmsg {
      line = $0
      sub(/.*<Message>/, "", line)
      done = sub(/<\/Message>.*/, "", line)
      if (lines < 6 && line != "") { print "    " substr(line, 1, 400); lines++ }
      if (!done) next
      inmsg = 0; instack = 0; frames = 0
    }
    want && /<StackTrace>/ { instack = 1 }
    instack {
      if (frames < 3 && $0 ~ /at DanVan\./) {
        line = $0
        sub(/^.*<StackTrace>/, "", line)
        sub(/^[ \t]*/, "", line)
        sub(/<\/StackTrace>.*/, "", line)
        print "      " substr(line, 1, 300)
        frames++
      }
      if ($0 ~ /<\/StackTrace>/) { instack = 0; want = 0 }
    }
  ' "$1" | head -n 80
}

total_passed=0
total_failed=$step_failures
((format_ok)) || echo "format: FAILED (CSharpier or dotnet format style reported changes, see above)"
((build_ok)) || echo "build: FAILED (see the build section above)"

for name in "${suite_names[@]}"; do
  trx="$RESULTS/$name.trx"
  took=$(duration "${suite_seconds[$name]}")
  if [[ ! -f $trx ]]; then
    echo "$name: FAILED, no results (${suite_problem[$name]:-dotnet test exited ${suite_exit[$name]} without writing $name.trx}) ($took)"
    total_failed=$((total_failed + 1))
    continue
  fi
  total=$(trx_counter "$trx" total)
  executed=$(trx_counter "$trx" executed)
  passed=$(trx_counter "$trx" passed)
  # VSTest counts an xunit skip as total-but-not-executed and leaves notExecuted at 0; take either.
  skipped=$((total - executed))
  not_executed=$(trx_counter "$trx" notExecuted)
  if ((not_executed > skipped)); then skipped=$not_executed; fi
  # Everything that did not pass and was not skipped: failed, error, timeout, aborted, inconclusive...
  failed=$((total - passed - skipped))
  if ((failed < 0)); then failed=0; fi
  outcome=$(grep -o '<ResultSummary outcome="[^"]*"' "$trx" | head -n 1 | sed 's/.*outcome="\([^"]*\)"/\1/' || true)
  line="$name: $passed passed, $failed failed, $skipped skipped ($took)"
  # Skipped tests count as failures: a skipped test is a failing test.
  suite_failed=$((failed + skipped))
  extra=0
  if ((total == 0)); then
    line+=" - ran no test"
    extra=1
  elif [[ -n ${suite_problem[$name]:-} ]]; then
    line+=" - ${suite_problem[$name]}"
    extra=1
  elif ((suite_failed == 0)) && [[ ${suite_exit[$name]} != 0 || $outcome =~ ^(Failed|Aborted|Error|Timeout)$ ]]; then
    # Counters all green but the run did not complete: a crashed or hung test host leaves a TRX that
    # counts only the tests that finished before it died. Not a pass.
    line+=" - run aborted (outcome ${outcome:-unknown}, dotnet test exit ${suite_exit[$name]}; see the suite's log)"
    extra=1
  fi
  echo "$line"
  # Name each test that did not pass, with the first line of its message, so the closing lines of a CI
  # log say what failed without the whole log.
  if ((failed > 0)); then failed_tests "$trx"; fi
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + suite_failed + extra))
done

summary_done=1
echo "results: ${RESULTS#"$ROOT"/}/"
echo "wall time: $(duration $((SECONDS - script_start)))"
echo "$total_passed passed, $total_failed failed"

((total_failed == 0))
