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
source "$here/apache-common.sh"
proxy_bin=apache2

proxy_start() {
  ensure_pkg apache2 apache2 apache2
  mkdir -p "$state/cache"
  if [[ $(id -u) -eq 0 ]]; then
    # The children run as www-data and write the cache: they must reach it.
    chmod o+x "$state"
    chown www-data "$state/cache"
  fi
  { apache_conf_head "$state" "$port" proxy proxy_http cache cache_disk
    cat <<CONF
CacheRoot "$state/cache"
CacheEnable disk /
ProxyTimeout 2
ProxyPass / http://$origin_host:$origin_port/
<Location />
  Require all granted
</Location>
CONF
  } > "$state/httpd.conf"
  apache_start "$state" "$port"
}
proxy_version() { apache_version; }
proxy_main apache2 "$@"
