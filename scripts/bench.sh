#!/usr/bin/env bash
# DanVan's benchmark command (docs/PERFORMANCE.md). Not part of scripts/test.sh.
#
#   scripts/bench.sh [--scale S] [--provider sqlite|postgres|both]
#
# Defaults: --scale 0.01 (the quick run, a few minutes) on both providers. --scale 1.0 is the national data set
# (34 provinces, 3,321 communes, 5 million petitions, 10 million figures): its generation takes tens of minutes
# per provider the first time and is kept for the next run (SQLite under artifacts/bench/, PostgreSQL in a
# cluster under $DANVAN_BENCH_DIR, default /var/tmp/danvan-bench).
#
# For each provider: generate the data set (nothing to do when it is there at that scale), check it with the app's
# own consistency checks, run the bars P1-P8, then rewrite the table in docs/PERFORMANCE.md from
# docs/bench/results-*.json. Exits non-zero when a check or a bar fails.
#
# Environment (optional):
#   DANVAN_BENCH_PG   a PostgreSQL server's connection string (superuser; a database per scale is created on it);
#                     without it a cluster is started on a loopback port and stopped at the end.
#   DANVAN_BENCH_DIR  where that cluster lives (default /var/tmp/danvan-bench).
#   DANVAN_UNITS_CSV  Vietnam's unit list (code,name,full_name,name_en,kind,parent_code); looked for beside the
#                     repository otherwise; without it the generator makes up names of the same shape.
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
ROOT=$PWD
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off

scale=0.01
providers=(sqlite postgres)
while (($#)); do
  case $1 in
    --scale)
      scale=${2:?--scale needs a value}
      shift 2
      ;;
    --provider)
      case ${2:?--provider needs a value} in
        sqlite | postgres) providers=("$2") ;;
        both) providers=(sqlite postgres) ;;
        *)
          echo "--provider $2: use sqlite, postgres or both" >&2
          exit 2
          ;;
      esac
      shift 2
      ;;
    -h | --help)
      sed -n '2,20p' "$0"
      exit 0
      ;;
    *)
      echo "unknown option $1 (see --help)" >&2
      exit 2
      ;;
  esac
done

start=$SECONDS
step() { printf '\n==== %s ==== (at %dm%02ds)\n' "$*" $(((SECONDS - start) / 60)) $(((SECONDS - start) % 60)); }

step "System packages"
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v hey >/dev/null 2>&1 || missing+=(hey)
if [[ " ${providers[*]} " == *" postgres "* && -z ${DANVAN_BENCH_PG:-} ]]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
fi
ldconfig -p 2>/dev/null | grep -q 'libicuuc\.so' || missing+=(libicu72)
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "all present (wrk, hey$([[ -z ${DANVAN_BENCH_PG:-} ]] && echo ", postgresql"), ICU)"
fi

step "Build (Release)"
# The HTTP bars (P3, P7, P8) publish the app to artifacts/bench/app themselves when it is missing or not the build
# the bench was made with, and run it as a child process, as a deployment would.
dotnet build bench/DanVan.Bench/DanVan.Bench.csproj -c Release -nodeReuse:false
BENCH="dotnet bench/DanVan.Bench/bin/Release/net10.0/DanVan.Bench.dll"

PG_BIN=""
PG_DATA=""
pg_started=0
cleanup() {
  if ((pg_started)); then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

if [[ " ${providers[*]} " == *" postgres "* && -z ${DANVAN_BENCH_PG:-} ]]; then
  step "PostgreSQL cluster"
  PG_BIN=$(dirname "$(ls -1 /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
  dir=${DANVAN_BENCH_DIR:-/var/tmp/danvan-bench}
  PG_DATA=$dir/pg
  mkdir -p "$dir"
  chown postgres: "$dir"
  if [[ ! -f $PG_DATA/PG_VERSION ]]; then
    runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U danvan --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  port=""
  for candidate in $(seq 54340 54399); do
    timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$candidate" 2>/dev/null && continue
    # Settings of a server of this size (24 GiB); durability as in production (fsync on).
    if runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$dir/postgres.log" -w -t 120 start \
      -o "-p $candidate -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=2GB -c work_mem=32MB -c maintenance_work_mem=1GB -c effective_cache_size=12GB -c max_wal_size=8GB" >/dev/null; then
      port=$candidate
      pg_started=1
      break
    fi
    tail -n 5 "$dir/postgres.log" >&2 || true
  done
  [[ -n $port ]] || {
    echo "could not start PostgreSQL (ports 54340-54399)" >&2
    exit 1
  }
  export DANVAN_BENCH_PG="Host=127.0.0.1;Port=$port;Username=danvan"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $PG_DATA)"
fi

failed=0
for provider in "${providers[@]}"; do
  step "$provider: generate (scale $scale)"
  $BENCH generate --scale "$scale" --provider "$provider" || {
    failed=1
    continue
  }
  step "$provider: check"
  $BENCH check --scale "$scale" --provider "$provider" || failed=1
  step "$provider: bars P1-P8"
  $BENCH run --scale "$scale" --provider "$provider" || failed=1
done

step "Done"
$BENCH report >/dev/null
grep -c '| pass |' docs/PERFORMANCE.md | xargs -I{} echo "{} bar result(s) pass in docs/PERFORMANCE.md"
exit $failed
