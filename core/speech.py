"""Is a voice or video essay actually spoken? A mostly silent upload is refused before a reviewer spends time on it.
The measure comes from decoding the audio, which is ``media.speech``; the rule applied to it is here."""

from dataclasses import dataclass


class UndecodableMedia(Exception):
    """ffmpeg cannot read the upload (not media, truncated, empty): the caller refuses it rather than guess."""


@dataclass(frozen=True)
class SpeechMeasure:
    duration_s: float
    """Of the decoded audio; 0 for a video without an audio track."""
    speech_s: float
    """Time above the silence threshold, short gaps between words included."""

    @property
    def speech_ratio(self) -> float:
        return self.speech_s / self.duration_s if self.duration_s > 0 else 0.0


def is_mostly_silent(measure: SpeechMeasure, *, min_speech_ratio: float = 0.3, min_speech_s: float = 3.0) -> bool:
    """Under 30% speech, or under 3 s of it in all, is not an essay a reviewer can assess."""
    return measure.speech_ratio < min_speech_ratio or measure.speech_s < min_speech_s
