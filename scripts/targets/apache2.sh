#!/usr/bin/env bash
# Starts Apache httpd (Debian's apache2) on 127.0.0.1 with a self-contained
# configuration: only the modules a static file server needs, logs, PID and
# runtime files in STATE_DIR; /etc/apache2 is never read.
# usage: apache2.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
cmd="${1:-}"
apache_bin() { command -v apache2 || echo /usr/sbin/apache2; }
modules=/usr/lib/apache2/modules

case "$cmd" in
  start)
    state="$(mkdir -p "${2:?state directory}" && cd "$2" && pwd)"
    docroot="$(cd "${3:?docroot}" && pwd)"
    ensure_pkg apache2 apache2 apache2
    port="$(free_port)"
    # Run as root, httpd switches its children to User; www-data can read the
    # docroot (world-readable fixtures). As non-root, User is ignored.
    user_lines=""
    if [[ $(id -u) -eq 0 ]]; then user_lines=$'User www-data\nGroup www-data'; fi
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
LoadModule mime_module $modules/mod_mime.so
LoadModule dir_module $modules/mod_dir.so
StartServers 1
ServerLimit 2
ThreadsPerChild 25
MaxRequestWorkers 50
TypesConfig /dev/null
AddType text/html .html
AddType text/plain .txt
LogFormat "%h %l %u %t \"%r\" %>s %b" common
CustomLog "$state/access.log" common
DocumentRoot "$docroot"
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory "$docroot">
  Options None
  AllowOverride None
  Require all granted
</Directory>
DirectoryIndex index.html
CONF
    # The Debian binary reads its environment from envvars; we need none of it.
    APACHE_RUN_DIR="$state" APACHE_LOCK_DIR="$state" APACHE_LOG_DIR="$state" \
      "$(apache_bin)" -f "$state/httpd.conf" -k start >"$state/start.log" 2>&1 ||
      { cat "$state/start.log" "$state/error.log" >&2 2>/dev/null; exit 1; }
    wait_pidfile "$state/apache2.pid" || { echo "apache2: no PID file" >&2; exit 1; }
    wait_port "$port" || { echo "apache2: not listening on $port" >&2; exit 1; }
    echo "http://127.0.0.1:$port/"
    ;;
  stop) stop_pidfile "${2:?state directory}/apache2.pid" ;;
  version) echo "apache2 $("$(apache_bin)" -v 2>/dev/null | sed -n 's/^Server version: Apache\/\([^ ]*\).*/\1/p')" ;;
  *) usage "$0" ;;
esac
