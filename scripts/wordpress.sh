#!/usr/bin/env bash
# A real WordPress on loopback for `make test-cms` (Debian's wordpress 6.1, no systemd):
# a private MariaDB on a socket and PHP's built-in server, everything under $WP_DIR.
#
#   scripts/wordpress.sh start         fresh database, install, seed (scripts/wordpress/seed.php)
#   scripts/wordpress.sh change        edit one post, trash one, publish the draft
#   scripts/wordpress.sh bulk N        add N short posts straight into the database (for timing)
#   scripts/wordpress.sh stop          stop both servers (by their pids)
#
# The only file outside $WP_DIR is Debian's per-host config, /etc/wordpress/config-127.0.0.1.php.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
D=${WP_DIR:-/tmp/hirlap-wordpress}
PORT=${WP_PORT:-8091}
URL="http://127.0.0.1:$PORT"
CONFIG=/etc/wordpress/config-127.0.0.1.php
say() { printf 'wordpress.sh: %s\n' "$*" >&2; }

stop() {
    for p in php mariadb; do
        if [ -f "$D/$p.pid" ]; then
            kill "$(cat "$D/$p.pid")" 2>/dev/null || true
            for _ in $(seq 50); do kill -0 "$(cat "$D/$p.pid")" 2>/dev/null || break; sleep 0.1; done
            rm -f "$D/$p.pid"
        fi
    done
}

wait_for() { # what, command…
    local what=$1; shift
    for _ in $(seq 100); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
    say "$what did not come up (see $D/*.log)"; return 1
}

php_seed() { (cd "$ROOT" && WP_URL="$URL" WP_DIR="$D" php scripts/wordpress/seed.php "$@") 2> >(grep -v 'sendmail' >&2); }

case "${1:-}" in
start)
    stop
    rm -rf "$D"
    mkdir -p "$D/db" "$D/run" "$D/wp-content/uploads" "$D/wp-content/mu-plugins"
    ln -s /usr/share/wordpress/wp-content/themes "$D/wp-content/themes"
    ln -s /usr/share/wordpress/wp-content/plugins "$D/wp-content/plugins"
    cp "$ROOT/scripts/wordpress/offline.php" "$D/wp-content/mu-plugins/"
    cp "$ROOT/scripts/wordpress/router.php" "$D/router.php"
    chown -R mysql:mysql "$D/db" "$D/run"
    mysql_install_db --user=mysql --datadir="$D/db" --auth-root-authentication-method=normal >"$D/install.log" 2>&1
    mariadbd --user=mysql --datadir="$D/db" --socket="$D/run/sock" --skip-networking --skip-log-bin \
        --innodb-flush-log-at-trx-commit=0 --pid-file="$D/run/mariadbd.pid" >"$D/mariadb.log" 2>&1 &
    echo $! >"$D/mariadb.pid"
    wait_for MariaDB mariadb --socket="$D/run/sock" -uroot -e 'SELECT 1'
    mariadb --socket="$D/run/sock" -uroot -e "CREATE DATABASE wp CHARACTER SET utf8mb4;
        CREATE USER 'wp'@'localhost' IDENTIFIED BY 'wp'; GRANT ALL ON wp.* TO 'wp'@'localhost';"
    mkdir -p /etc/wordpress
    cat >"$CONFIG" <<PHP
<?php
// Written by hirlap's scripts/wordpress.sh for the loopback test WordPress in $D.
define('DB_NAME', 'wp');
define('DB_USER', 'wp');
define('DB_PASSWORD', 'wp');
define('DB_HOST', 'localhost:$D/run/sock');
define('WP_CONTENT_DIR', '$D/wp-content');
define('WP_CONTENT_URL', '$URL/wp-content');
define('WP_HIRLAP_CONTENT', '$D/wp-content');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
\$table_prefix = 'wp_';
PHP
    php_seed install
    WP_HIRLAP_CONTENT="$D/wp-content" php -S "127.0.0.1:$PORT" -t /usr/share/wordpress "$D/router.php" >"$D/php.log" 2>&1 &
    echo $! >"$D/php.pid"
    wait_for "PHP on $URL" curl -sf "$URL/wp-json/"
    say "WordPress on $URL ($D)"
    ;;
change) php_seed change ;;
bulk) php_seed bulk "${2:?how many posts}" ;;
stop) stop; say "stopped" ;;
*) echo "usage: $0 start|change|bulk N|stop" >&2; exit 2 ;;
esac
