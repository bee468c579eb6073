# Stands in for python:3.11-slim where Docker Hub is out of reach: the same layout (/usr/local, python, pip),
# made of a Debian rootfs and a copy of a Python 3.11 that this machine built, trusting this machine's
# certificate authorities so that pip reaches PyPI through its proxy (build.sh stages both).
FROM tosbelgi-offline/debian:bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libssl3 libffi8 libsqlite3-0 libbz2-1.0 \
        liblzma5 zlib1g libreadline8 libncursesw6 libuuid1 libexpat1 \
    && rm -rf /var/lib/apt/lists/*
COPY python/ /usr/local/
COPY ca/ /usr/local/share/ca-certificates/
RUN ldconfig && update-ca-certificates \
    && printf '#!/bin/sh\nexec /usr/local/bin/python3.11 -m pip "$@"\n' > /usr/local/bin/pip \
    && chmod +x /usr/local/bin/pip \
    && printf '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n' > /etc/pip.conf \
    && python --version && pip --version
ENV LANG=C.UTF-8
CMD ["python3"]
