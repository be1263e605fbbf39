#!/usr/bin/env bash
# Makes the WordPress export the importer's tests read, with WordPress itself.
#
# How to rerun it: on Debian, as root, `apt-get install -y wordpress mariadb-server
# php-cli php-mysql php-gd`, then `bash tools/exports/wordpress/make_export.sh` from the
# repository's root. It starts a private MariaDB server on a socket in a temporary
# folder (no port, no system service touched), installs WordPress into it with
# WordPress's own wp_install(), adds the posts, pages, people, categories, tags and
# pictures in site.php, exports everything with WordPress's own export_wp() (export.php)
# and writes:
#   masthead/importing/tests/fixtures/wordpress/export.xml   the export (WXR 1.2)
#   masthead/importing/tests/fixtures/wordpress/uploads/     the media folder
# One picture file (bollard.png) is left out of uploads/ on purpose, so that a missing
# file is covered, and truncated.xml is the export cut off inside a post's body. The
# hand-made neighbours (wxr-1.1.xml, not-wordpress.xml, bad-encoding.xml) are not
# touched. Nothing is downloaded.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
out="$root/masthead/importing/tests/fixtures/wordpress"
work="$(mktemp -d /tmp/wp-export.XXXXXX)"
sock="$work/mysqld.sock"

stop_db() {
    if [[ -f "$work/mysqld.pid" ]]; then
        kill "$(cat "$work/mysqld.pid")" 2>/dev/null || true
        sleep 2
    fi
    rm -rf "$work"
}
trap stop_db EXIT

mariadb-install-db --no-defaults --user=root --datadir="$work/db" \
    --auth-root-authentication-method=normal --skip-test-db >"$work/install-db.log" 2>&1
mariadbd --no-defaults --user=root --datadir="$work/db" --socket="$sock" \
    --skip-networking --pid-file="$work/mysqld.pid" >"$work/mysqld.log" 2>&1 &
for _ in $(seq 50); do
    [[ -S "$sock" ]] && break
    sleep 0.2
done
mariadb --no-defaults --socket="$sock" -uroot -e "CREATE DATABASE wordpress CHARACTER SET utf8mb4"

export WP_EXPORT_WORK="$work" WP_EXPORT_SOCKET="$sock"
php "$here/site.php"
php "$here/export.php" >"$work/export.xml"

mkdir -p "$out"
rm -rf "$out/uploads"
cp "$work/export.xml" "$out/export.xml"
cp -r "$work/wp-content/uploads" "$out/uploads"
rm -f "$out"/uploads/*/*/bollard*.png
php -r '$x = file_get_contents($argv[1]); echo substr($x, 0, strpos($x, "Engineers found corrosion"));' \
    "$out/export.xml" >"$out/truncated.xml"
echo "Wrote $out/export.xml ($(grep -c '<item>' "$out/export.xml") items) and $(find "$out/uploads" -type f | wc -l) files in uploads/ ($(du -sk "$out/uploads" | cut -f1) KB)"
