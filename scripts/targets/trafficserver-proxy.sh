#!/usr/bin/env bash
# Starts Apache Traffic Server on 127.0.0.1 as a reverse proxy (a remap rule
# to ORIGIN, the address given to `httpconform proxy --origin-listen`) with
# its cache on a small file in STATE_DIR. Confined to STATE_DIR by a runroot
# (runroot.yaml: configuration, logs, runtime files and cache there; the
# programs, libraries and error-page templates of the package are only read),
# traffic_server run directly (no traffic_manager), as root only when we are
# root (proxy.config.admin.user_id #-1 keeps the current user), DNS pointed at
# 127.0.0.1. The package's defaults (Debian's records.config, which inserts Via
# in requests) are kept except what confines it and the upstream timeouts:
# connect and inactivity timeouts of 2 s and no connect retries, so that an
# origin that never answers gets its 504 within a case's deadline.
# usage: trafficserver-proxy.sh start STATE_DIR ORIGIN_HOST:PORT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
proxy_bin=traffic_server
ts_bin() { command -v traffic_server || echo /usr/bin/traffic_server; }

proxy_start() {
  ensure_pkg traffic_server trafficserver trafficserver
  local etc="$state/etc" src=/etc/trafficserver
  mkdir -p "$etc" "$state/log" "$state/run" "$state/cache" "$state/lib"
  # The package's configuration files, read and copied, never changed.
  local f
  for f in cache.config hosting.config ip_allow.yaml logging.yaml parent.config plugin.config \
           sni.yaml socks.config splitdns.config ssl_multicert.config strategies.yaml \
           volume.config; do
    [[ -f "$src/$f" ]] && cp "$src/$f" "$etc/$f"
  done
  cat > "$state/runroot.yaml" <<CONF
prefix: /usr
exec_prefix: /usr
bindir: /usr/bin
sbindir: /usr/sbin
sysconfdir: $etc
datadir: /usr/share/trafficserver
includedir: /usr/include
libdir: /usr/lib/trafficserver
libexecdir: /usr/lib/trafficserver/modules
localstatedir: $state/lib
runtimedir: $state/run
logdir: $state/log
cachedir: $state/cache
CONF
  # Debian's records.config, then what confines this instance and the
  # upstream timeouts (a later line for the same variable wins).
  { grep -v -e 'proxy.config.http.server_ports' -e 'proxy.config.admin.user_id' "$src/records.config"
    cat <<CONF
CONFIG proxy.config.http.server_ports STRING $port:ipv4:ip-in=127.0.0.1
CONFIG proxy.config.admin.user_id STRING #-1
CONFIG proxy.config.body_factory.template_sets_dir STRING $src/body_factory
CONFIG proxy.config.dns.nameservers STRING 127.0.0.1
CONFIG proxy.config.dns.resolv_conf STRING NULL
CONFIG proxy.config.hostdb.host_file.path STRING NULL
CONFIG proxy.config.http.connect_attempts_timeout INT 2
CONFIG proxy.config.http.connect_attempts_max_retries INT 0
CONFIG proxy.config.http.connect_attempts_max_retries_dead_server INT 0
CONFIG proxy.config.http.connect_attempts_rr_retries INT 0
CONFIG proxy.config.http.transaction_no_activity_timeout_out INT 2
CONFIG proxy.config.http.down_server.cache_time INT 0
CONFIG proxy.config.log.logging_enabled INT 1
CONFIG proxy.config.diags.logfile.filename STRING diags.log
CONFIG
CONF
  } | sed '/^CONFIG$/d' > "$etc/records.config"
  echo "$state/cache 64M" > "$etc/storage.config"
  echo "map / http://$origin_host:$origin_port/" > "$etc/remap.config"
  setsid "$(ts_bin)" --run-root="$state/runroot.yaml" --bind_stdout "$state/ts.log" \
    --bind_stderr "$state/ts.log" >"$state/start.log" 2>&1 </dev/null &
  echo $! >"$state/trafficserver.pid"
  wait_listen "$port" "$(cat "$state/trafficserver.pid")" trafficserver
}
proxy_version() {
  echo "trafficserver $("$(ts_bin)" -V 2>&1 | sed -n 's/^Traffic Server \([^ ]*\).*/\1/p' | head -n 1)"
}
proxy_main trafficserver "$@"
