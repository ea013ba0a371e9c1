#!/usr/bin/env bash
# Starts Apache Tomcat 10 (Debian's tomcat10, no system service) on
# 127.0.0.1 with a CATALINA_BASE of its own in STATE_DIR: one HTTP/1.1
# connector, no shutdown port, one root context whose docBase is DOCROOT,
# served by Tomcat's DefaultServlet with the global web.xml Debian ships.
# `catalina.sh run` execs java in the foreground, in its own session; the
# JVM takes several seconds to start, so the wait for the port is long.
# usage: tomcat.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
home=/usr/share/tomcat10
target_start() {
  [[ -x "$home/bin/catalina.sh" ]] || apt_install tomcat10 tomcat10
  mkdir -p "$state/conf" "$state/logs" "$state/temp" "$state/work" "$state/webapps"
  cp "$home/etc/web.xml" "$state/conf/web.xml"
  cat > "$state/conf/server.xml" <<CONF
<?xml version="1.0" encoding="UTF-8"?>
<Server port="-1" shutdown="SHUTDOWN">
  <Service name="Catalina">
    <Connector address="127.0.0.1" port="$port" protocol="HTTP/1.1" connectionTimeout="20000"/>
    <Engine name="Catalina" defaultHost="localhost">
      <Host name="localhost" appBase="webapps" unpackWARs="false" autoDeploy="false"
            deployOnStartup="false">
        <Context path="" docBase="$docroot"/>
      </Host>
    </Engine>
  </Service>
</Server>
CONF
  CATALINA_HOME="$home" CATALINA_BASE="$state" CATALINA_TMPDIR="$state/temp" \
    start_bg "$state" tomcat 90 "$port" "$home/bin/catalina.sh" run
}
target_version() { echo "tomcat $(dpkg-query -W -f='${Version}' tomcat10 2>/dev/null | sed 's/-.*//')"; }
target_main tomcat "$@"
