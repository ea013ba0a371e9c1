#!/usr/bin/env bash
# Starts Apache httpd on 127.0.0.1 as a reverse proxy (mod_proxy,
# mod_proxy_http) in front of ORIGIN (the address given to
# `httpconform proxy --origin-listen`), caching with mod_cache and
# mod_cache_disk; a separate instance (its own configuration, PID file, logs
# and cache root in STATE_DIR), never the system service. httpd's defaults
# are kept (ProxyVia is Off by default) except ProxyTimeout, 2 s, so that an
# origin that never answers gets its 504 within a case's deadline.
# usage: apache2-proxy.sh start STATE_DIR ORIGIN_HOST:PORT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
proxy_bin=apache2
apache_bin() { command -v apache2 || echo /usr/sbin/apache2; }
modules=/usr/lib/apache2/modules

proxy_start() {
  ensure_pkg apache2 apache2 apache2
  local user_lines=""
  mkdir -p "$state/cache"
  if [[ $(id -u) -eq 0 ]]; then
    user_lines=$'User www-data\nGroup www-data'
    # The children run as www-data and write the cache: they must reach it.
    chmod o+x "$state"
    chown www-data "$state/cache"
  fi
  cat > "$state/httpd.conf" <<CONF
ServerRoot "$state"
ServerName 127.0.0.1
Listen 127.0.0.1:$port
PidFile "$state/apache2.pid"
DefaultRuntimeDir "$state"
Mutex file:$state default
ErrorLog "$state/error.log"
LogLevel warn
$user_lines
LoadModule mpm_event_module $modules/mod_mpm_event.so
LoadModule authz_core_module $modules/mod_authz_core.so
LoadModule proxy_module $modules/mod_proxy.so
LoadModule proxy_http_module $modules/mod_proxy_http.so
LoadModule cache_module $modules/mod_cache.so
LoadModule cache_disk_module $modules/mod_cache_disk.so
StartServers 1
ServerLimit 2
ThreadsPerChild 25
MaxRequestWorkers 50
LogFormat "%h %l %u %t \"%r\" %>s %b" common
CustomLog "$state/access.log" common
CacheRoot "$state/cache"
CacheEnable disk /
ProxyTimeout 2
ProxyPass / http://$origin_host:$origin_port/
<Location />
  Require all granted
</Location>
CONF
  APACHE_RUN_DIR="$state" APACHE_LOCK_DIR="$state" APACHE_LOG_DIR="$state" \
    "$(apache_bin)" -f "$state/httpd.conf" -k start >"$state/start.log" 2>&1 ||
    { cat "$state/start.log" "$state/error.log" >&2 2>/dev/null; return 1; }
  wait_pidfile "$state/apache2.pid" || { echo "apache2: no PID file" >&2; return 1; }
  wait_listen "$port" "$(cat "$state/apache2.pid")" apache2
}
proxy_version() {
  echo "apache2 $("$(apache_bin)" -v 2>/dev/null | sed -n 's/^Server version: Apache\/\([^ ]*\).*/\1/p')"
}
proxy_main apache2 "$@"
