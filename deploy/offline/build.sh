#!/bin/sh
# Builds stand-ins for the images compose.yaml pulls (python, postgres, redis, nginx) on a machine that reaches
# Debian's and PyPI's mirrors but not Docker Hub, and a self-signed certificate for nginx if none is there.
# Run as root from anywhere: sh deploy/offline/build.sh  (README, "Deploying without Docker Hub").
set -eu
here=$(cd "$(dirname "$0")" && pwd)
project=$(dirname "$(dirname "$here")")
work=${OFFLINE_WORK:-/var/tmp/tosbelgi-offline}
mkdir -p "$work"

if ! docker image inspect tosbelgi-offline/debian:bookworm >/dev/null 2>&1; then
    [ -e "$work/rootfs/etc/debian_version" ] \
        || debootstrap --variant=minbase bookworm "$work/rootfs" http://deb.debian.org/debian
    tar -C "$work/rootfs" -c . | docker import - tosbelgi-offline/debian:bookworm
fi

context="$work/python"
rm -rf "$context" && mkdir -p "$context/python/bin" "$context/python/lib" "$context/ca"
base=$(python3.11 -c 'import sys; print(sys.base_prefix)')
cp -a "$base/bin/python3.11" "$context/python/bin/"
ln -s python3.11 "$context/python/bin/python3"
ln -s python3.11 "$context/python/bin/python"
cp -a "$base"/lib/libpython3.11.so* "$context/python/lib/"
tar -C "$base/lib" --exclude='python3.11/test' --exclude='python3.11/site-packages/*' \
    --exclude='__pycache__' -c python3.11 | tar -C "$context/python/lib" -x
cp -a "$base/lib/python3.11/site-packages/pip" "$base"/lib/python3.11/site-packages/pip-*.dist-info \
    "$context/python/lib/python3.11/site-packages/"
cp /usr/local/share/ca-certificates/*.crt "$context/ca/" 2>/dev/null || true
cp "$here/python.Dockerfile" "$context/Dockerfile"
docker build -q -t tosbelgi-offline/python:3.11 "$context"

for image in postgres redis nginx; do
    docker build -q -t "tosbelgi-offline/$image" -f "$here/$image.Dockerfile" "$here"
done

certs="$project/deploy/certs"
if [ ! -e "$certs/fullchain.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=localhost \
        -keyout "$certs/privkey.pem" -out "$certs/fullchain.pem" 2>/dev/null
fi
