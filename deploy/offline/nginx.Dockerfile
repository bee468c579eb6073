# Stands in for nginx:1.27 where Docker Hub is out of reach: Debian's nginx 1.22, reading conf.d/ as the
# official image does, in the foreground.
FROM tosbelgi-offline/debian:bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx-light \
    && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/default \
    && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
