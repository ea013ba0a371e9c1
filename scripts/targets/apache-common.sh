#!/usr/bin/env bash
# What the two Apache httpd scripts share (sourced, not run): apache2.sh (the
# origin server) and apache2-proxy.sh (the gateway) write configurations that
# differ only in what follows this head, and start and name httpd alike.
apache_bin() { command -v apache2 || echo /usr/sbin/apache2; }
apache_modules=/usr/lib/apache2/modules

# apache_conf_head STATE PORT MODULE...: the self-contained head of an httpd
# configuration (server root, PID file, logs and runtime files in STATE,
# 127.0.0.1:PORT, the event MPM with few workers, an access log) loading
# mod_authz_core and each mod_MODULE. Run as root, httpd switches its children
# to www-data (as non-root, User is ignored).
apache_conf_head() {
  local state="$1" port="$2" m
  shift 2
  cat <<CONF
ServerRoot "$state"
ServerName 127.0.0.1
Listen 127.0.0.1:$port
PidFile "$state/apache2.pid"
DefaultRuntimeDir "$state"
Mutex file:$state default
ErrorLog "$state/error.log"
LogLevel warn
LoadModule mpm_event_module $apache_modules/mod_mpm_event.so
LoadModule authz_core_module $apache_modules/mod_authz_core.so
StartServers 1
ServerLimit 2
ThreadsPerChild 25
MaxRequestWorkers 50
LogFormat "%h %l %u %t \"%r\" %>s %b" common
CustomLog "$state/access.log" common
CONF
  [[ $(id -u) -eq 0 ]] && printf 'User www-data\nGroup www-data\n'
  for m in "$@"; do echo "LoadModule ${m}_module $apache_modules/mod_$m.so"; done
}

# apache_start STATE PORT: starts httpd on STATE/httpd.conf and waits for its
# PID file and its port; prints its logs and returns 1 when it does not start.
apache_start() {
  local state="$1" port="$2"
  # The Debian binary reads its environment from envvars; we need none of it.
  APACHE_RUN_DIR="$state" APACHE_LOCK_DIR="$state" APACHE_LOG_DIR="$state" \
    "$(apache_bin)" -f "$state/httpd.conf" -k start >"$state/start.log" 2>&1 ||
    { cat "$state/start.log" "$state/error.log" >&2 2>/dev/null; return 1; }
  wait_pidfile "$state/apache2.pid" || { echo "apache2: no PID file" >&2; return 1; }
  wait_port "$port" || { echo "apache2: not listening on $port" >&2; return 1; }
}

apache_version() {
  echo "apache2 $("$(apache_bin)" -v 2>/dev/null | sed -n 's/^Server version: Apache\/\([^ ]*\).*/\1/p')"
}
