#!/usr/bin/env bash
# Port checks shared by start.sh and the browser tests: fail early with a message naming the port,
# what uses it and how to choose another, instead of a stack trace from deep inside a server.

# The fixed ports of the local portal. The sandbox's are in packages/sandbox/sandbox.yaml and
# app-config.sandbox.yaml; the portal's in app-config.yaml (app.baseUrl, backend.listen.port).
EDP_PORTS=(3000 7007 7100 7101 7102 7111 7112 7113 7114)
# `./edp start --scale` adds the two backend replicas, PostgreSQL and Redis (scripts/scale/start.ts).
EDP_SCALE_PORTS=(7008 7009 7120 7121)

edp_port_owner() {
  ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\("[^"]*"\).*/\1/p' | head -n 1
}

edp_check_ports() {
  local port busy=0 owner
  for port in "$@"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      owner="$(edp_port_owner "$port")"
      echo "edp: port $port is already in use${owner:+ by $owner}." >&2
      case "$port" in
        3000) echo "      It is the frontend's port (app.baseUrl in app-config.yaml). Stop that process, or set app.baseUrl and app.listen.port in app-config.local.yaml." >&2 ;;
        3001) echo "      It is the legacy app's port (packages/app-legacy/app-config.legacy.yaml; the browser suite serves its build there). Stop that process." >&2 ;;
        7007) echo "      It is the backend's port (backend.listen.port in app-config.yaml). Stop that process, or set backend.baseUrl and backend.listen.port in app-config.local.yaml." >&2 ;;
        7008|7009|7120|7121) echo "      It is a port of ./edp start --scale (backend replicas 7008-7009, PostgreSQL 7120, Redis 7121: SCALE_PORTS in scripts/scale/start.ts). Stop that process." >&2 ;;
        *) echo "      It is a sandbox port (packages/sandbox/sandbox.yaml). Stop that process, or change the port there and in app-config.sandbox.yaml." >&2 ;;
      esac
      busy=1
    fi
  done
  return $busy
}
