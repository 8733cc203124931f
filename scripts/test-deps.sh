#!/usr/bin/env bash
# The Debian packages the test suite needs, kept in this one list (make test runs this first).
# Installs what is missing with apt-get when run as root; otherwise stops with one sentence
# naming the packages. Each line: package, then a file or command that shows it is installed.
set -euo pipefail

NEEDS=(
  "chromium        /usr/bin/chromium"                   # browser tests (Playwright)
  "postgresql      /usr/lib/postgresql/*/bin/initdb"    # the suite's PostgreSQL pass
  "redis-server    /usr/bin/redis-server"               # Redis cache, rate limits, sessions
  "nginx-light     /usr/sbin/nginx"                     # the deploy/ configuration and micro-cache tests
  "npm             /usr/bin/npm"                        # axe-core for the accessibility tests (npm ci)
  "logrotate       /usr/sbin/logrotate"                 # deploy/logrotate/ keeps logs as long as /privacy/ says
)

missing=()
for line in "${NEEDS[@]}"; do
  read -r package probe <<<"$line"
  # shellcheck disable=SC2086 # the probe may be a glob
  if ! compgen -G "$probe" >/dev/null; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "make test needs Debian's ${missing[*]}: install with \`sudo apt-get install ${missing[*]}\`, or run make test as root." >&2
  exit 1
fi
echo "installing ${missing[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
