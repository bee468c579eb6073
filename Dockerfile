FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot bot
COPY core core
COPY storage storage
COPY scheduler scheduler
COPY emulator emulator
COPY cli cli
COPY media media
COPY locales locales
RUN pip install --no-cache-dir .
RUN useradd --create-home tosbelgi
USER tosbelgi
CMD ["tosbelgi", "run"]
