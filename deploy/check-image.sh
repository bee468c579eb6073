#!/bin/sh
# Builds the image and checks what the Dockerfile promises: the data folder is the user's, the healthcheck
# passes, the webhook is reachable from outside the container, an update is answered, SIGTERM exits 0.
# Telegram is bench.fakeapi on this machine. Run from the project root with its virtualenv active:
#   sh deploy/check-image.sh            (PYTHON_IMAGE=... for another base, as deploy/offline/ builds)
set -eu
image=tosbelgi-check
name=tosbelgi-check-$$
token=5550002222:AAHcheck-image-token_000000000000000
secret=check-image-secret
docker build -q --build-arg "PYTHON_IMAGE=${PYTHON_IMAGE:-python:3.11-slim}" -t "$image" . >/dev/null
api_port=$(python -c 'import socket; s = socket.socket(); s.bind(("", 0)); print(s.getsockname()[1])')
fifo=$(mktemp -u) && mkfifo "$fifo"
python -m bench.fakeapi --host 0.0.0.0 --port "$api_port" <"$fifo" >/dev/null &
exec 3>"$fifo"
cleanup() { docker rm -f "$name" >/dev/null 2>&1 || true; exec 3>&-; rm -f "$fifo"; }
trap cleanup EXIT
docker run -d --name "$name" --add-host host.docker.internal:host-gateway -p 127.0.0.1::8080 \
    -e BOT_TOKEN="$token" -e TELEGRAM_API_BASE="http://host.docker.internal:$api_port" \
    -e WEBHOOK_URL=https://bot.example.kz:8443/webhook -e WEBHOOK_SECRET="$secret" "$image" >/dev/null
for _ in $(seq 60); do
    health=$(docker inspect -f '{{.State.Health.Status}}' "$name")
    [ "$health" = starting ] || break
    sleep 1
done
[ "$health" = healthy ] || { docker logs "$name" | tail -20; echo "FAILED: health is $health"; exit 1; }
echo "ok: healthy (HEALTHCHECK on /healthz)"
docker exec "$name" sh -c 'test "$(id -u)" = 10001 && test -O /data/tosbelgi.sqlite3' \
    || { echo "FAILED: not uid 10001, or /data/tosbelgi.sqlite3 is not its own"; exit 1; }
echo "ok: runs as uid 10001, which created the default SQLite file in /data"
port=$(docker port "$name" 8080 | head -1 | cut -d: -f2)
update='{"update_id":1,"message":{"message_id":1,"date":1764990000,"chat":{"id":42,"type":"private","first_name":"A"},"from":{"id":42,"is_bot":false,"first_name":"A","language_code":"kk"},"text":"/start"}}'
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -H "X-Telegram-Bot-Api-Secret-Token: $secret" -d "$update" "http://127.0.0.1:$port/webhook")
[ "$status" = 200 ] || { echo "FAILED: the update got HTTP $status"; exit 1; }
curl -s "http://127.0.0.1:$api_port/stats" | grep -q '"sendMessage"' || { echo "FAILED: no answer sent"; exit 1; }
echo "ok: an update POSTed from outside the container was answered"
started=$(date +%s)
docker stop "$name" >/dev/null
code=$(docker inspect -f '{{.State.ExitCode}}' "$name")
[ "$code" = 0 ] || { echo "FAILED: exit code $code after SIGTERM"; exit 1; }
echo "ok: SIGTERM: exit code 0 after $(($(date +%s) - started)) s"
