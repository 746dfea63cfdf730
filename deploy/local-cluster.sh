#!/usr/bin/env bash
# A ComparisonGrid cluster on this machine, for trying the cluster out and for tests:
#   deploy/local-cluster.sh up N    a private PostgreSQL (its own folder, a loopback port, no system service)
#                                   and N silos, each with its gateway; prints one gateway URL per line
#   deploy/local-cluster.sh add     one more silo joins the running cluster; prints its gateway URL
#   deploy/local-cluster.sh remove N  silo N leaves gracefully: it stops taking grains, writes its activations
#                                   away and tells the table it left, so callers go to the silos that remain
#   deploy/local-cluster.sh status  one line per silo: silo N pid PID url URL state
#   deploy/local-cluster.sh down    stops what "up" started (and "add" added), and nothing else
# Everything lives in $COMPARISONGRID_CLUSTER_DIR (default: /tmp/comparisongrid-cluster). The API key of every
# gateway is $COMPARISONGRID_API_KEY when set, otherwise one is generated into the cluster folder. Silos call each
# other over mutual TLS: "up" makes a cluster authority (certs/authority.crt, its key owner-only) and every silo
# gets a certificate of its own from it (certs/siloN.crt, .key), made with openssl; certs/cgrid.crt and .key are
# for the command line: cgrid regions --cluster "$CONN" --silo-certificate certs/cgrid.crt --silo-key certs/cgrid.key
# --cluster-authority certs/authority.crt (CONN is in cluster.env).
# The database gets the grid's schema (deploy/postgres/, for the Orleans version the gateway runs on) before the
# first silo starts; every silo checks it at start. Silo N listens for silos on one port and for clients
# (cgrid --cluster) on the next, both on 127.0.0.1 only.
# The gateway is run from $COMPARISONGRID_GATEWAY (a ComparisonGrid.Gateway.dll); by default the Release build
# in src/, built first when missing.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${COMPARISONGRID_CLUSTER_DIR:-${TMPDIR:-/tmp}/comparisongrid-cluster}"
gateway="${COMPARISONGRID_GATEWAY:-$root/src/ComparisonGrid.Gateway/bin/Release/net10.0/ComparisonGrid.Gateway.dll}"

fail() { echo "local-cluster: $*" >&2; exit 1; }

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$found" ] || fail "PostgreSQL is not installed (apt-get install -y postgresql)"
  echo "$found"
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Ports handed out in this run, so two silos never get the same one before either listens.
claimed=" "
free_port() {
  local p=$1
  while port_taken "$p" || [[ "$claimed" == *" $p "* ]]; do p=$((p + 1)); done
  claimed="$claimed$p "
  echo "$p"
}

wait_ready() {
  local url=$1 log=$2 pid=$3
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "$url/readyz" 2>/dev/null; then return 0; fi
    # The first exception line says why (a port taken, the database unreachable); the stack under it rarely does.
    kill -0 "$pid" 2>/dev/null || fail "the silo behind $url exited; its log is $log: $(grep -m 3 -E 'Exception|fail|rror' "$log"; tail -n 3 "$log")"
    sleep 0.1
  done
  fail "$url was not ready within 60 s; its log is $log"
}

up() {
  local n=${1:-}
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || fail "usage: $0 up N (N silos, at least 1)"
  [ ! -e "$dir/cluster.env" ] || fail "a cluster is already up in $dir; run '$0 down' first"
  command -v curl >/dev/null || fail "curl is needed to wait for the gateways (apt-get install -y curl)"
  command -v openssl >/dev/null || fail "openssl is needed for the silos' certificates (apt-get install -y openssl)"
  if [ ! -f "$gateway" ]; then
    echo "building the gateway …" >&2
    dotnet build "$root/src/ComparisonGrid.Gateway" -c Release -v quiet -nologo >&2
  fi
  local bin; bin=$(pg_bin)
  mkdir -p "$dir"
  chmod 755 "$dir"
  make_authority
  issue_certificate cgrid

  local pg_port; pg_port=$(free_port "${COMPARISONGRID_BASE_PORT:-7400}")
  mkdir -p "$dir/pg"
  [ "$(id -u)" != "0" ] || chown postgres "$dir/pg"
  # Password authentication (scram-sha-256) on the socket and on 127.0.0.1: any other account of this host could
  # otherwise connect and write reports the gateways serve. The password is generated, kept owner-only in pg/pgpass
  # (psql reads it through PGPASSFILE) and in cluster.env (the silos' connection string), never on a command line.
  local password; password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 32)
  (umask 077 && printf '%s\n' "$password" >"$dir/pg/pwfile" && printf '*:*:*:postgres:%s\n' "$password" >"$dir/pg/pgpass")
  [ "$(id -u)" != "0" ] || chown postgres "$dir/pg/pwfile" "$dir/pg/pgpass"
  as_postgres "$bin/initdb" -D "$dir/pg/data" -U postgres --auth=scram-sha-256 --pwfile="$dir/pg/pwfile" -E UTF8 >"$dir/initdb.log" 2>&1 \
    || { rm -f "$dir/pg/pwfile"; fail "initdb failed: $(tail -n 5 "$dir/initdb.log")"; }
  rm -f "$dir/pg/pwfile"
  as_postgres "$bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories='$dir/pg' -c max_connections=300" start >/dev/null \
    || fail "PostgreSQL did not start: $(tail -n 5 "$dir/pg/server.log")"
  as_postgres env PGPASSFILE="$dir/pg/pgpass" "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
    -f "$root/deploy/postgres/orleans-10.4.2.sql" >"$dir/schema.log" 2>&1 || fail "the schema did not apply: $(tail -n 5 "$dir/schema.log")"
  local key=${COMPARISONGRID_API_KEY:-}
  if [ -z "$key" ]; then
    key=$(head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 32)
    echo "$key" >"$dir/api-key"
    chmod 600 "$dir/api-key"
  fi
  (umask 077 && {
    echo "PG_BIN=$bin"
    echo "PG_PORT=$pg_port"
    echo "CONN='Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$password;Database=postgres;Maximum Pool Size=50'"
  } >"$dir/cluster.env")
  if [ -n "${COMPARISONGRID_API_KEY:-}" ]; then
    # Kept beside the cluster (owner-only) so "add" starts its silo with the same key.
    (umask 077 && echo "$key" >"$dir/api-key")
  fi
  for i in $(seq 1 "$n"); do
    start_silo "$i"
  done
  grep '^SILO_' "$dir/cluster.env" | cut -d= -f2
}

# The cluster's certificate authority: EC P-256, a year; its key never leaves certs/ and is readable by its owner only.
make_authority() {
  mkdir -p "$dir/certs"
  chmod 700 "$dir/certs"
  (umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
    -subj "/CN=ComparisonGrid local cluster authority" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$dir/certs/authority.key" -out "$dir/certs/authority.crt" 2>"$dir/certs/openssl.log") \
    || fail "openssl could not make the cluster authority: $(tail -n 3 "$dir/certs/openssl.log")"
}

# A certificate named $1 from the cluster authority, for 127.0.0.1 and localhost, as server and as client:
# siloN for silo N, cgrid for the command line's client (cgrid --cluster).
issue_certificate() {
  local name=$1 extensions="$dir/certs/$1.ext"
  printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" "basicConstraints=critical,CA:FALSE" \
    "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth,clientAuth" >"$extensions"
  (umask 077 && openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$name" \
    -keyout "$dir/certs/$name.key" -out "$dir/certs/$name.csr" 2>>"$dir/certs/openssl.log" \
    && openssl x509 -req -in "$dir/certs/$name.csr" -CA "$dir/certs/authority.crt" -CAkey "$dir/certs/authority.key" \
      -CAcreateserial -days 90 -extfile "$extensions" -out "$dir/certs/$name.crt" 2>>"$dir/certs/openssl.log") \
    || fail "openssl could not issue the certificate $name: $(tail -n 3 "$dir/certs/openssl.log")"
  rm -f "$dir/certs/$name.csr" "$extensions"
}

# Starts silo $1 with the cluster's PostgreSQL and key and waits until its gateway is ready.
start_silo() {
  local i=$1
  # shellcheck disable=SC1091
  source "$dir/cluster.env"
  local http silo gateway_port
  http=$(free_port $((PG_PORT + 10 * i)))
  silo=$(free_port $((http + 1)))
  gateway_port=$(free_port $((silo + 1)))
  mkdir -p "$dir/silo$i"
  issue_certificate "silo$i"
  local samples=(--no-samples)
  # One gateway loads the shipped samples into an empty cluster; loading is idempotent, once is enough.
  [ "$i" != "1" ] || [ -n "${COMPARISONGRID_NO_SAMPLES:-}" ] || samples=()
  (cd "$dir/silo$i" && exec nohup dotnet "$gateway" --urls "http://127.0.0.1:$http" \
    --postgres "$CONN" --silo "127.0.0.1:$silo" --ComparisonGrid:GatewayPort="$gateway_port" \
    --data-dir "$dir/silo$i" --api-key-file "$dir/api-key" "${samples[@]}" \
    --silo-certificate "$dir/certs/silo$i.crt" --silo-key "$dir/certs/silo$i.key" --cluster-authority "$dir/certs/authority.crt" \
    >"$dir/silo$i.log" 2>&1) &
  echo "$!" >"$dir/silo$i.pid"
  echo "SILO_$i=http://127.0.0.1:$http" >>"$dir/cluster.env"
  echo "SILOPORT_$i=$silo" >>"$dir/cluster.env"
  # Start in turn: the first silo creates the schema, the next ones join a cluster that is there.
  wait_ready "http://127.0.0.1:$http" "$dir/silo$i.log" "$!"
}

silo_numbers() { { grep -o '^SILO_[0-9]*' "$dir/cluster.env" || true; } | cut -d_ -f2 | sort -n; }

add() {
  [ -f "$dir/cluster.env" ] || fail "no cluster is up in $dir; run '$0 up N' first"
  # A number never used in this cluster, also when every silo has been removed: each keeps its folder and log.
  local last; last=$(find "$dir" -maxdepth 1 -name 'silo*.log' -printf '%f\n' | tr -dc '0-9\n' | sort -n | tail -n 1)
  local i=$(( ${last:-0} + 1 ))
  start_silo "$i"
  echo "http://127.0.0.1:$(grep "^SILO_$i=" "$dir/cluster.env" | cut -d: -f3)"
}

remove() {
  local i=${1:-}
  [[ "$i" =~ ^[1-9][0-9]*$ ]] || fail "usage: $0 remove N (a silo number from '$0 status')"
  [ -f "$dir/cluster.env" ] || fail "no cluster is up in $dir"
  grep -q "^SILO_$i=" "$dir/cluster.env" || fail "there is no silo $i (see '$0 status')"
  local pid; pid=$(cat "$dir/silo$i.pid")
  # SIGTERM: the host stops gracefully; the silo hands its grains over (state written) before it leaves the table.
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && fail "silo $i (pid $pid) did not stop within 60 s; its log is $dir/silo$i.log"
  sed -i "/^SILO_$i=/d; /^SILOPORT_$i=/d" "$dir/cluster.env"
  rm -f "$dir/silo$i.pid"
  echo "silo $i removed"
}

status() {
  [ -f "$dir/cluster.env" ] || fail "no cluster is up in $dir"
  # shellcheck disable=SC1091
  source "$dir/cluster.env"
  local i
  for i in $(silo_numbers); do
    local url pid state
    url=$(eval echo "\${SILO_$i}")
    pid=$(cat "$dir/silo$i.pid")
    if ! kill -0 "$pid" 2>/dev/null; then
      state=stopped
    else
      # Orleans' membership table, the silo's latest start (SiloStatus): joining, active, shutting_down, stopping or dead.
      local port; port=$(eval echo "\${SILOPORT_$i}")
      state=$(PGPASSFILE="$dir/pg/pgpass" "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc \
        "SELECT CASE status WHEN 1 THEN 'created' WHEN 2 THEN 'joining' WHEN 3 THEN 'active' WHEN 4 THEN 'shutting_down'
           WHEN 5 THEN 'stopping' WHEN 6 THEN 'dead' END FROM orleans_membership WHERE port = $port ORDER BY generation DESC LIMIT 1" 2>/dev/null || true)
      state=${state:-starting}
    fi
    echo "silo $i pid $pid url $url state $state"
  done
}

down() {
  [ -d "$dir" ] || { echo "no cluster in $dir" >&2; return 0; }
  local pidfile
  for pidfile in "$dir"/silo*.pid; do
    [ -f "$pidfile" ] || continue
    local pid; pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
  done
  for pidfile in "$dir"/silo*.pid; do
    [ -f "$pidfile" ] || continue
    local pid; pid=$(cat "$pidfile")
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ -f "$dir/cluster.env" ]; then
    # shellcheck disable=SC1091
    source "$dir/cluster.env"
    as_postgres "$PG_BIN/pg_ctl" -D "$dir/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  up) up "${2:-}" ;;
  add) add ;;
  remove) remove "${2:-}" ;;
  status) status ;;
  down) down ;;
  *) echo "usage: $0 up N | add | remove N | status | down" >&2; exit 64 ;;
esac
