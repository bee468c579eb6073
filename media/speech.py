"""Speech time of a voice or video essay, measured on the decoded audio for the rule in ``core.speech``.
Decoding is pydub over ffmpeg/ffprobe, which must be on PATH."""

import asyncio
import io

from pydub import AudioSegment
from pydub.exceptions import CouldntDecodeError
from pydub.silence import detect_nonsilent
from pydub.utils import mediainfo_json

from core.speech import SpeechMeasure, UndecodableMedia

BELOW_MEAN_DB = 16.0
"""Pauses between phrases sit well over 16 dB below a clip's mean level; syllables sit near or above it."""

NOISE_CEILING_DBFS = -40.0
"""Room tone, hiss and a fan stay under this on a phone; speech into a phone is around -30..-15 dBFS."""

SEEK_STEP_MS = 10
"""Silence windows every 10 ms: fine enough for word gaps, 10x faster than pydub's 1 ms default."""


def measure_speech(
    data: bytes, *, file_name_hint: str = "", min_silence_ms: int = 300, silence_thresh_db: float | None = None
) -> SpeechMeasure:
    """Speech time of an upload of any container ffmpeg detects (Telegram: OGG/Opus voice, MP4/AAC video).

    Only pauses of at least `min_silence_ms` count as silence, so gaps between words stay speech. The default
    threshold adapts to the recording (mean level minus 16 dB, so a quiet microphone is not all silence) but never
    drops below -40 dBFS, so a clip of faint background noise alone, whose mean is the noise itself, is not
    speech. Digital silence (dBFS -inf) has no level to adapt to and is zero speech; so is a video without audio.
    `file_name_hint` only names the upload in the error."""
    streams = mediainfo_json(io.BytesIO(data)).get("streams", [])
    if not streams:
        raise UndecodableMedia(f"{file_name_hint or 'the upload'} is not audio or video that ffmpeg can read")
    if not any(stream.get("codec_type") == "audio" for stream in streams):
        return SpeechMeasure(duration_s=0.0, speech_s=0.0)
    try:
        segment = AudioSegment.from_file(io.BytesIO(data))
    except CouldntDecodeError as exc:
        raise UndecodableMedia(f"ffmpeg cannot decode the audio of {file_name_hint or 'the upload'}") from exc
    duration_ms = len(segment)
    if segment.rms == 0:
        return SpeechMeasure(duration_s=duration_ms / 1000, speech_s=0.0)
    if silence_thresh_db is None:
        silence_thresh_db = max(segment.dBFS - BELOW_MEAN_DB, NOISE_CEILING_DBFS)
    ranges = detect_nonsilent(
        segment, min_silence_len=min_silence_ms, silence_thresh=silence_thresh_db, seek_step=SEEK_STEP_MS
    )
    return SpeechMeasure(duration_s=duration_ms / 1000, speech_s=sum(end - start for start, end in ranges) / 1000)


async def measure_speech_async(
    data: bytes, *, file_name_hint: str = "", min_silence_ms: int = 300, silence_thresh_db: float | None = None
) -> SpeechMeasure:
    """`measure_speech` in a worker thread: ffmpeg and the silence scan take a fraction of a second per minute of
    audio, too long to block the bot's event loop."""
    return await asyncio.to_thread(
        measure_speech,
        data,
        file_name_hint=file_name_hint,
        min_silence_ms=min_silence_ms,
        silence_thresh_db=silence_thresh_db,
    )
