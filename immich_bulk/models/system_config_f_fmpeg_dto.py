# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
from typing import ClassVar

import attrs

from ..serialization import Model
from ._enums import AudioCodec, CQMode, ToneMapping, TranscodeHWAccel, TranscodePolicy, VideoCodec, VideoContainer

@attrs.define(kw_only=True)
class SystemConfigFFmpegDto(Model):
    _wire_names: ClassVar[dict[str, str]] = {'temporal_aq': 'temporalAQ'}
    accel: TranscodeHWAccel  # Transcode hardware acceleration
    accel_decode: bool  # Accelerated decode
    accepted_audio_codecs: list[AudioCodec]  # Accepted audio codecs
    accepted_containers: list[VideoContainer]  # Accepted containers
    accepted_video_codecs: list[VideoCodec]  # Accepted video codecs
    bframes: int  # B-frames
    cq_mode: CQMode  # CQ mode
    crf: int  # CRF
    gop_size: int  # GOP size
    max_bitrate: str  # Max bitrate
    preferred_hw_device: str  # Preferred hardware device
    preset: str  # Preset
    refs: int  # References
    target_audio_codec: AudioCodec  # Target audio codec
    target_resolution: str  # Target resolution
    target_video_codec: VideoCodec  # Target video codec
    temporal_aq: bool  # Temporal AQ
    threads: int  # Threads
    tonemap: ToneMapping  # Tone mapping
    transcode: TranscodePolicy  # Transcode policy
    two_pass: bool  # Two pass
