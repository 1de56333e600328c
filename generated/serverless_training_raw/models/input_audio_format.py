from ..types import OpenStrEnum


class InputAudioFormat(OpenStrEnum):
    MP3 = "mp3"
    WAV = "wav"
