#!/usr/bin/env bash
# Starts Eclipse Jetty 9 (Debian's jetty9, no system service) on 127.0.0.1
# with a jetty.base of its own in STATE_DIR: the http and deploy modules and
# one context, a WebAppContext on DOCROOT at "/", whose files Jetty's
# DefaultServlet (from its webdefault.xml) serves. The JVM runs in the
# foreground, in its own session; it takes several seconds to start, so the
# wait for the port is long.
# usage: jetty.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
home=/usr/share/jetty9
target_start() {
  [[ -f "$home/start.jar" ]] || apt_install jetty9 jetty9
  ensure_pkg java default-jre-headless
  mkdir -p "$state/webapps" "$state/tmp" "$state/logs"
  cat > "$state/start.ini" <<CONF
--module=http
--module=deploy
jetty.http.host=127.0.0.1
jetty.http.port=$port
CONF
  cat > "$state/webapps/root.xml" <<CONF
<?xml version="1.0"?>
<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "http://www.eclipse.org/jetty/configure_9_3.dtd">
<Configure class="org.eclipse.jetty.webapp.WebAppContext">
  <Set name="contextPath">/</Set>
  <Set name="war">$docroot</Set>
</Configure>
CONF
  start_bg "$state" jetty 90 "$port" \
    java -Djava.io.tmpdir="$state/tmp" -jar "$home/start.jar" "jetty.home=$home" \
    "jetty.base=$state"
}
target_version() { echo "jetty $(dpkg-query -W -f='${Version}' jetty9 2>/dev/null | sed 's/-.*//')"; }
target_main jetty "$@"
