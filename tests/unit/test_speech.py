"""Mostly silent essays are refused: audio is generated here, encoded to the formats Telegram sends (OGG/Opus voice
notes, MP4 video notes with AAC audio) by the real ffmpeg, and measured back through pydub."""

import shutil
import subprocess
from pathlib import Path

import pytest

from core.speech import SpeechMeasure, UndecodableMedia, is_mostly_silent
from media.speech import measure_speech, measure_speech_async
from tests.audio import noise, silence, speech_like, tone, voice_note


@pytest.fixture(autouse=True, scope="module")
def _ffmpeg_installed() -> None:
    """Fail, never skip: without ffmpeg the bot cannot check essays, and CI installs it."""
    missing = [tool for tool in ("ffmpeg", "ffprobe") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{' and '.join(missing)} not on PATH; media.speech decodes with them: apt-get install -y ffmpeg")


def _video_note(tmp_path: Path, *, with_audio: bool) -> bytes:
    out = tmp_path / "video_note.mp4"
    inputs = ["-f", "lavfi", "-i", "color=c=black:s=240x240:d=6"]
    codecs = ["-c:v", "libx264"]
    if with_audio:
        inputs += ["-f", "lavfi", "-i", "sine=f=300:d=6"]
        codecs += ["-c:a", "aac"]
    subprocess.run(["ffmpeg", "-v", "error", "-y", *inputs, *codecs, "-shortest", "-f", "mp4", str(out)], check=True)
    return out.read_bytes()


def test_speech_like_voice_note_is_not_silent() -> None:
    measure = measure_speech(voice_note(speech_like()))
    assert measure.duration_s == pytest.approx(10, abs=0.05)
    assert 0.6 < measure.speech_ratio < 0.95  # breaths of 500 ms are silence, gaps between syllables are not
    assert not is_mostly_silent(measure)


def test_silent_voice_note_is_mostly_silent() -> None:
    measure = measure_speech(voice_note(silence(10_000)))
    assert measure.duration_s == pytest.approx(10, abs=0.05)
    assert measure.speech_s == 0
    assert is_mostly_silent(measure)


def test_one_second_of_tone_in_ten_of_silence_is_mostly_silent() -> None:
    measure = measure_speech(voice_note(silence(4_500) + tone(1_000) + silence(4_500)))
    assert measure.speech_s == pytest.approx(1, abs=0.35)
    assert is_mostly_silent(measure)


def test_quiet_background_noise_alone_is_mostly_silent() -> None:
    data = voice_note(noise(10_000))
    measure = measure_speech(data)
    assert measure.speech_s == 0
    assert is_mostly_silent(measure)
    assert measure_speech(data, silence_thresh_db=-60).speech_ratio > 0.9  # the default threshold is what refuses it


def test_speech_like_over_quiet_noise_is_not_silent() -> None:
    clean = measure_speech(voice_note(speech_like()))
    noisy = measure_speech(voice_note(noise(10_000).overlay(speech_like())))
    assert noisy.speech_ratio == pytest.approx(clean.speech_ratio, abs=0.1)
    assert not is_mostly_silent(noisy)


def test_video_note_with_tone_is_not_silent(tmp_path: Path) -> None:
    measure = measure_speech(_video_note(tmp_path, with_audio=True))
    assert measure.speech_s == pytest.approx(6, abs=0.1)
    assert not is_mostly_silent(measure)


def test_video_without_audio_track_is_silence_not_an_error(tmp_path: Path) -> None:
    measure = measure_speech(_video_note(tmp_path, with_audio=False))
    assert measure == SpeechMeasure(duration_s=0.0, speech_s=0.0)
    assert is_mostly_silent(measure)


@pytest.mark.parametrize("data", [b"", b"definitely not a voice note " * 50])
def test_undecodable_upload_raises(data: bytes) -> None:
    with pytest.raises(UndecodableMedia, match="essay.ogg"):
        measure_speech(data, file_name_hint="essay.ogg")


async def test_async_wrapper_returns_the_same_measure() -> None:
    data = voice_note(speech_like())
    assert await measure_speech_async(data, min_silence_ms=200) == measure_speech(data, min_silence_ms=200)


@pytest.mark.parametrize(
    ("measure", "silent"),
    [
        (SpeechMeasure(duration_s=60, speech_s=40), False),
        (SpeechMeasure(duration_s=60, speech_s=15), True),  # a quarter of the clip
        (SpeechMeasure(duration_s=2.5, speech_s=2.5), True),  # all speech, but too little to assess
        (SpeechMeasure(duration_s=0, speech_s=0), True),
    ],
)
def test_is_mostly_silent_needs_enough_ratio_and_time(measure: SpeechMeasure, silent: bool) -> None:
    assert is_mostly_silent(measure) is silent
