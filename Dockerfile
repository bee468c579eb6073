# The production image: `docker build -t tosbelgi .` (README, "Deploying").
# Dependencies are installed in a layer of their own, rebuilt only when pyproject.toml changes.
# PYTHON_IMAGE names another base with python:3.11-slim's layout (deploy/offline/ builds one without Docker Hub).

ARG PYTHON_IMAGE=python:3.11-slim
FROM ${PYTHON_IMAGE} AS dependencies
WORKDIR /build
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > requirements.txt \
    && pip install --no-cache-dir --prefix=/install -r requirements.txt

FROM ${PYTHON_IMAGE} AS application
WORKDIR /build
COPY pyproject.toml README.md ./
COPY bot bot
COPY core core
COPY storage storage
COPY scheduler scheduler
COPY monitoring monitoring
COPY emulator emulator
COPY cli cli
COPY media media
COPY locales locales
RUN pip install --no-cache-dir --no-deps --prefix=/application .

FROM ${PYTHON_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 tosbelgi \
    && mkdir /data \
    && chown tosbelgi:tosbelgi /data
COPY --from=dependencies /install /usr/local
COPY --from=application /application /usr/local
USER tosbelgi
# the default SQLite file is created here, in a folder the user owns
WORKDIR /data
ENV PYTHONUNBUFFERED=1 \
    WEBHOOK_HOST=0.0.0.0 \
    WEBHOOK_PORT=8080 \
    HEALTH_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"WEBHOOK_PORT\"]}/healthz', timeout=2)"]
STOPSIGNAL SIGTERM
CMD ["tosbelgi", "run"]
