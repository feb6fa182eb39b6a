"""Read a ``multipart/form-data`` request: text fields in memory, file parts streamed to disk."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .files import FileSink
from .multipart import MultipartError, MultipartParser, PartData, PartEnd, PartStart, parse_boundary
from .web import HTTPError, Request

__all__ = ["FormData", "SinkFactory", "UploadedFile", "read_form"]

MAX_FIELD_BYTES = 1024 * 1024


@dataclass
class UploadedFile:
    filename: str
    content_type: str
    sink: FileSink
    sha1: bytes = b""


@dataclass
class FormData:
    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, UploadedFile] = field(default_factory=dict)

    def discard(self) -> None:
        for upload in self.files.values():
            upload.sink.discard()


#: Decides where a file part goes, given the part and the text fields read before it (Immich
#: judges a part by what has arrived so far: a ``filename`` field sent earlier names it).
SinkFactory = Callable[[PartStart, Mapping[str, str]], FileSink | None]


async def read_form(request: Request, make_sink: SinkFactory) -> FormData:
    """Parse the body; ``make_sink`` decides per file part where it goes (None: drop it).

    ``make_sink`` may raise :class:`HTTPError` (e.g. "Unsupported file type"): the files
    written so far are deleted and the rest of the body is drained before the error
    propagates, as multer's file filter does. A body that is not multipart is an empty form.
    """
    form = FormData()
    boundary = parse_boundary(request.headers.get("content-type", ""))
    if boundary is None:
        await request.drain()
        return form
    parser = MultipartParser(boundary)
    current: PartStart | None = None
    sink: FileSink | None = None
    text = bytearray()
    try:
        async for chunk in request.stream():
            for event in parser.feed(chunk):
                if isinstance(event, PartStart):
                    current, text = event, bytearray()
                    sink = None
                    if event.filename is not None:
                        sink = make_sink(event, form.fields)
                        if sink is not None:
                            form.files[event.name] = UploadedFile(
                                event.filename, event.content_type, sink
                            )
                elif isinstance(event, PartData):
                    if sink is not None:
                        await sink.write(event.data)
                    elif current is not None and current.filename is None:
                        text += event.data
                        if len(text) > MAX_FIELD_BYTES:
                            raise HTTPError(413, "Field value too long")
                elif isinstance(event, PartEnd):
                    if sink is not None and current is not None:
                        form.files[current.name].sha1 = await sink.finish()
                    elif current is not None and current.filename is None:
                        form.fields[current.name] = text.decode("utf-8", "replace")
                    current, sink = None, None
        parser.close()
    except MultipartError as exc:
        form.discard()
        await request.drain()
        raise HTTPError(400, str(exc)) from None
    except Exception:
        form.discard()
        await request.drain()
        raise
    except BaseException:
        form.discard()
        raise
    return form
