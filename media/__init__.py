"""Decoding of uploaded audio and video, kept out of core so the rules do not depend on ffmpeg."""
