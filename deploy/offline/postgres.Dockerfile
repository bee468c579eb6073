# Stands in for postgres:16 where Docker Hub is out of reach: Debian's PostgreSQL 15, set up on first start
# from POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB as the official image does.
FROM tosbelgi-offline/debian:bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-15 \
    && rm -rf /var/lib/apt/lists/* \
    && install -d -o postgres -g postgres -m 700 /var/lib/postgresql/data
ENV PATH=/usr/lib/postgresql/15/bin:$PATH \
    PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/
USER postgres
ENTRYPOINT ["postgres-entrypoint.sh"]
