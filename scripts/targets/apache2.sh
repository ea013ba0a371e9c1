#!/usr/bin/env bash
# Starts Apache httpd (Debian's apache2) on 127.0.0.1 with a self-contained
# configuration: only the modules a static file server needs, logs, PID and
# runtime files in STATE_DIR; /etc/apache2 is never read.
# usage: apache2.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
source "$here/apache-common.sh"
cmd="${1:-}"

case "$cmd" in
  start)
    state="$(mkdir -p "${2:?state directory}" && cd "$2" && pwd)"
    docroot="$(cd "${3:?docroot}" && pwd)"
    ensure_pkg apache2 apache2 apache2
    port="$(free_port)"
    # Run as root, httpd switches its children to www-data, which can read the
    # docroot (world-readable fixtures).
    { apache_conf_head "$state" "$port" mime dir
      cat <<CONF
TypesConfig /dev/null
AddType text/html .html
AddType text/plain .txt
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
    } > "$state/httpd.conf"
    apache_start "$state" "$port" || exit 1
    echo "http://127.0.0.1:$port/"
    ;;
  stop) stop_pidfile "${2:?state directory}/apache2.pid" ;;
  version) apache_version ;;
  *) usage "$0" ;;
esac
