"""Audio made for tests: speech-like syllables, silence and noise, encoded as Telegram voice notes."""

import io
import random

from pydub import AudioSegment
from pydub.generators import Sine, WhiteNoise

RATE = 48_000


def silence(ms: int) -> AudioSegment:
    return AudioSegment.silent(duration=ms, frame_rate=RATE)


def tone(ms: int, freq: float = 300.0, dbfs: float = -14.0) -> AudioSegment:
    return Sine(freq, sample_rate=RATE).to_audio_segment(duration=ms, volume=dbfs).fade_in(15).fade_out(15)


def speech_like(ms: int = 10_000) -> AudioSegment:
    """Syllables of varying pitch and loudness with short gaps between them and a breath every few words."""
    rng = random.Random(2024)
    out = silence(0)
    while len(out) < ms:
        for _ in range(6):
            syllable = tone(rng.randint(120, 420), rng.uniform(110, 380), rng.uniform(-26, -8))
            out += syllable + silence(rng.randint(30, 180))
        out += silence(500)
    return out[:ms]


def noise(ms: int, dbfs: float = -45.0) -> AudioSegment:
    noise = WhiteNoise(sample_rate=RATE).to_audio_segment(duration=ms)
    return noise.apply_gain(dbfs - noise.dBFS)


def voice_note(segment: AudioSegment) -> bytes:
    buf = io.BytesIO()
    segment.export(buf, format="ogg", codec="libopus")
    return buf.getvalue()
