# Stands in for redis:7 where Docker Hub is out of reach: Debian's Redis 7, run as the redis user in /data and,
# as the official image does, reachable from other containers without a configuration file.
FROM tosbelgi-offline/debian:bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends redis-server \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir /data && chown redis:redis /data
USER redis
WORKDIR /data
ENTRYPOINT ["sh", "-c", "if [ \"$1\" = redis-server ]; then shift; exec redis-server --protected-mode no \"$@\"; fi; exec \"$@\"", "--"]
CMD ["redis-server"]
