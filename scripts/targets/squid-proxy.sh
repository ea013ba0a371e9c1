#!/usr/bin/env bash
# Starts Squid on 127.0.0.1 in accelerator mode (a reverse proxy) in front of
# ORIGIN (the address given to `httpconform proxy --origin-listen`), the
# origin being its only cache_peer (never_direct); memory cache only (no
# cache_dir), otherwise Squid's defaults. Connect, read and forward timeouts
# are shortened to 2 s so that an origin that never answers gets its 504
# within a case's deadline. Self-contained: configuration, logs and PID file in
# STATE_DIR, DNS pointed at 127.0.0.1 (nothing leaves loopback), no system
# service.
# With SQUID_MODE=forward it is a forward proxy instead (for
# `httpconform proxy --forward`), allowed to reach loopback only.
# usage: squid-proxy.sh start STATE_DIR ORIGIN_HOST:PORT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
proxy_bin=squid
# A forward proxy's runs send absolute-form requests (run-args: --forward).
[[ "${SQUID_MODE:-accel}" == forward ]] && proxy_forward=1
squid_bin() { command -v squid || echo /usr/sbin/squid; }

proxy_start() {
  ensure_pkg squid squid squid
  local mode="${SQUID_MODE:-accel}" port_line routing user_line=""
  if [[ "$mode" == forward ]]; then
    port_line="http_port 127.0.0.1:$port"
    routing=$'acl loopback_dst dst 127.0.0.0/8\nhttp_access deny !loopback_dst'
  else
    port_line="http_port 127.0.0.1:$port accel vhost"
    routing="cache_peer $origin_host parent $origin_port 0 no-query no-digest originserver name=origin connect-timeout=2
cache_peer_access origin allow all
never_direct allow all"
  fi
  # As root Squid switches to its own user, which must write the logs.
  if [[ $(id -u) -eq 0 ]]; then
    user_line="cache_effective_user proxy"
    chown proxy "$state"
  fi
  cat > "$state/squid.conf" <<CONF
$port_line
$routing
acl localnet src 127.0.0.0/8
http_access allow localnet
http_access deny all
icp_port 0
htcp_port 0
snmp_port 0
dns_nameservers 127.0.0.1
$user_line
pid_filename $state/squid.pid
cache_log $state/cache.log
access_log stdio:$state/access.log
cache_store_log none
coredump_dir $state
cache_mem 16 MB
connect_timeout 2 seconds
peer_connect_timeout 2 seconds
read_timeout 2 seconds
forward_timeout 4 seconds
shutdown_lifetime 0 seconds
CONF
  "$(squid_bin)" -k parse -f "$state/squid.conf" >"$state/parse.log" 2>&1 ||
    { cat "$state/parse.log" >&2; return 1; }
  setsid "$(squid_bin)" -N -f "$state/squid.conf" >"$state/squid.log" 2>&1 </dev/null &
  echo $! >"$state/squid.pid.ours"
  wait_listen "$port" "$(cat "$state/squid.pid.ours")" squid
}
proxy_stop() { stop_pidfile "$state/squid.pid.ours"; }
proxy_version() {
  echo "squid $("$(squid_bin)" -v 2>/dev/null | sed -n 's/^Squid Cache: Version \([^ ]*\).*/\1/p')"
}
proxy_main squid "$@"
