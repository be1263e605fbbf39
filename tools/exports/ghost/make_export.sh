#!/usr/bin/env bash
# Makes the Ghost export the importer's tests read, with a real Ghost 5 and Ghost's own exporter.
#
# Rerun (from the repository root; needs Node 20 with npm's registry, mariadb-server, a C++
# compiler for Ghost's native modules, and the project's .venv for the tiny images):
#
#     tools/exports/ghost/make_export.sh
#
# It installs Ghost (npm, into $WORK/app, kept between runs), starts its own MariaDB
# (port 3308, socket in $WORK, never a shared server) and Ghost (port 2390), fills Ghost
# through its Admin API (populate.mjs), turns two members into paid ones the way Stripe
# would have left them (Ghost makes paid members only through Stripe: rows with fake
# cus_Test…/sub_Test… ids), then exports with GET /ghost/api/admin/db/ and
# include=members… (the tables Ghost's own backups add), and writes:
#
#     masthead/importing/tests/fixtures/ghost/export.json      (as Ghost wrote it)
#     masthead/importing/tests/fixtures/ghost/content/images/… (the uploaded images)
#
# Everything runs in $WORK (default /tmp/ghost-export); both servers are stopped at the end.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
WORK="${WORK:-/tmp/ghost-export}"
GHOST_VERSION="${GHOST_VERSION:-5.130.4}"
PORT=2390
DB_PORT=3308
OUT="$REPO/masthead/importing/tests/fixtures/ghost"
SOCK="$WORK/db/mysqld.sock"
SQL() { mariadb --socket="$SOCK" -uroot ghost -N -e "$1"; }

mkdir -p "$WORK"
cd "$WORK"

# 1. Ghost, installed as Ghost-CLI does: its own package unpacked, its dependencies inside it.
if [ ! -d app/node_modules ]; then
  rm -rf app package "ghost-$GHOST_VERSION.tgz"
  npm pack "ghost@$GHOST_VERSION" >/dev/null
  tar xzf "ghost-$GHOST_VERSION.tgz" && mv package app
  # Development-only and optional dependencies are left out (one is fetched from GitHub).
  node -e '
    const fs = require("fs"); const p = require("./app/package.json");
    delete p.devDependencies; delete p.optionalDependencies;
    const o = Object.assign({}, p.resolutions); delete o["@tryghost/i18n"]; p.overrides = o;
    fs.writeFileSync("app/package.json", JSON.stringify(p, null, 2));'
  (cd app && npm_config_nodedir=/usr npm install --omit=dev --legacy-peer-deps --no-audit --no-fund)
fi

# 2. A MariaDB of our own.
rm -rf db content && mkdir -p db
mariadb-install-db --no-defaults --datadir="$WORK/db/data" --auth-root-authentication-method=normal --user="$(whoami)" >db/install.log
mariadbd --no-defaults --datadir="$WORK/db/data" --port=$DB_PORT --bind-address=127.0.0.1 \
  --socket="$SOCK" --pid-file="$WORK/db/mysqld.pid" --user="$(whoami)" >db/server.log 2>&1 &
DB_PID=$!
GHOST_PID=""
cleanup() {
  [ -n "$GHOST_PID" ] && kill "$GHOST_PID" 2>/dev/null || true
  kill "$DB_PID" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 30); do [ -S "$SOCK" ] && break; sleep 1; done
mariadb --socket="$SOCK" -uroot -e "CREATE DATABASE ghost CHARACTER SET utf8mb4;
  CREATE USER 'ghost'@'127.0.0.1' IDENTIFIED BY 'ghostpw'; GRANT ALL ON ghost.* TO 'ghost'@'127.0.0.1';"

# 3. Ghost on its own port, its content folder in $WORK/content.
cp -r app/content content && rm -rf content/images/*
cat >config.production.json <<EOF
{
  "url": "http://127.0.0.1:$PORT",
  "server": {"host": "127.0.0.1", "port": $PORT},
  "database": {"client": "mysql", "connection": {"host": "127.0.0.1", "port": $DB_PORT,
    "user": "ghost", "password": "ghostpw", "database": "ghost", "charset": "utf8mb4"}},
  "mail": {"transport": "stub"},
  "logging": {"transports": ["file"], "path": "$WORK/content/logs", "level": "info"},
  "paths": {"contentPath": "$WORK/content"},
  "privacy": {"useUpdateCheck": false, "useGravatar": false, "useRpcPing": false},
  "security": {"staffDeviceVerification": false},
  "process": "local"
}
EOF
# Ghost finds its own package through a "current" link in its working folder, as Ghost-CLI sets up.
ln -sfn app current
NODE_ENV=production node current/index.js >ghost.log 2>&1 &
GHOST_PID=$!
for _ in $(seq 180); do
  curl -sf "http://127.0.0.1:$PORT/ghost/api/admin/site/" >/dev/null && break
  kill -0 "$GHOST_PID" || { tail -40 ghost.log; exit 1; }
  sleep 2
done

# 4. Tiny images to upload (each a few KB).
mkdir -p images
"$REPO/.venv/bin/python" - images <<'EOF'
import sys
from PIL import Image, ImageDraw
for name, sky, sea in [("quay", "#9ab", "#246"), ("ferry", "#cde", "#357"),
                       ("market", "#db9", "#864"), ("cafe", "#edc", "#a63")]:
    picture = Image.new("RGB", (240, 160), sky)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 100, 240, 160), fill=sea)
    draw.ellipse((170, 20, 210, 60), fill="#fe8")
    picture.save(f"{sys.argv[1]}/{name}.jpg", quality=60)
EOF

# 5. Content and members through the Admin API.
node "$HERE/populate.mjs" "http://127.0.0.1:$PORT" "$WORK/images" >ids.env
# shellcheck disable=SC1091
. ./ids.env

# 6. What Ghost's Stripe integration would have written: a second author, and two paid members
#    (one subscription active, one cancelled), with Stripe ids that only the tests' stand-in knows.
AUTHOR_ROLE=$(SQL "SELECT id FROM roles WHERE name='Author'")
NOW="'2024-03-01 09:00:00'"
SQL "INSERT INTO users (id, name, slug, password, email, bio, status, visibility, created_at, created_by)
       VALUES ('65f1a0000000000000000b01', 'Bea Kowalczyk', 'bea', '-', 'bea@harbour-gazette.test',
               'Night reporter.', 'active', 'public', $NOW, '$OWNER_ID');
     INSERT INTO roles_users (id, role_id, user_id) VALUES ('65f1a0000000000000000b02', '$AUTHOR_ROLE', '65f1a0000000000000000b01');
     INSERT INTO posts_authors (id, post_id, author_id, sort_order)
       VALUES ('65f1a0000000000000000b03', '$TWO_AUTHOR_POST', '65f1a0000000000000000b01', 1);"
PERIOD_END="'2026-12-31 00:00:00'"
for row in "$PAYER_ID:cus_TestPayer:sub_TestActive:active" "$LAPSED_ID:cus_TestLapsed:sub_TestCanceled:canceled"; do
  IFS=: read -r member customer sub status <<<"$row"
  member_status=$([ "$status" = active ] && echo paid || echo free)
  SQL "UPDATE members SET status='$member_status' WHERE id='$member';
       INSERT INTO members_stripe_customers (id, member_id, customer_id, name, email, created_at, created_by)
         VALUES (LEFT(MD5('c$customer'), 24), '$member', '$customer', NULL, NULL, $NOW, '$OWNER_ID');
       INSERT INTO members_stripe_customers_subscriptions (id, customer_id, subscription_id, stripe_price_id,
         status, cancel_at_period_end, current_period_end, start_date, created_at, created_by, mrr,
         plan_id, plan_nickname, plan_interval, plan_amount, plan_currency)
         VALUES (LEFT(MD5('s$sub'), 24), '$customer', '$sub', 'price_monthly', '$status', 0, $PERIOD_END,
           $NOW, $NOW, '$OWNER_ID', 900, 'price_monthly', 'Monthly', 'month', 900, 'gbp');"
  if [ "$status" = active ]; then
    SQL "INSERT INTO members_products (id, member_id, product_id, sort_order)
           VALUES (LEFT(MD5('p$member'), 24), '$member', '$TIER_ID', 0);"
  fi
done

# 7. Ghost's own export, members included, and the images it refers to.
curl -sf -c cookies -H "Origin: http://127.0.0.1:$PORT" -H 'Content-Type: application/json' \
  -d '{"username":"ada@harbour-gazette.test","password":"Tide-Lantern-4817-Kelp"}' \
  "http://127.0.0.1:$PORT/ghost/api/admin/session/" >/dev/null
TABLES=members,members_products,members_stripe_customers,members_stripe_customers_subscriptions,members_newsletters,members_labels
curl -sf -b cookies -H "Origin: http://127.0.0.1:$PORT" \
  "http://127.0.0.1:$PORT/ghost/api/admin/db/?include=$TABLES" -o "$WORK/export.json"
mkdir -p "$OUT"
# The throwaway install's keys, session secrets and password hash are blanked (nothing else is
# changed), and the JSON is indented so that a new export reads as a diff.
"$REPO/.venv/bin/python" - "$WORK/export.json" "$OUT/export.json" <<'PY'
import json, sys
export = json.load(open(sys.argv[1], encoding="utf-8"))
data = export["db"][0]["data"]
for setting in data["settings"]:
    if setting["key"].endswith(("_secret", "_private_key", "_public_key", "_api_key")):
        setting["value"] = ""
for user in data["users"]:
    user["password"] = ""
with open(sys.argv[2], "w", encoding="utf-8") as out:
    json.dump(export, out, ensure_ascii=False, indent=1)
    out.write("\n")
PY
# A real export cut short, as an interrupted download leaves it.
head -c 20000 "$OUT/export.json" >"$OUT/truncated.json"
rm -rf "$OUT/content" && mkdir -p "$OUT/content"
cp -r "$WORK/content/images" "$OUT/content/images"
# Ghost's resized copies are made on request; only the originals belong in the fixture.
rm -rf "$OUT/content/images/size"
du -sh "$OUT/export.json" "$OUT/content"
