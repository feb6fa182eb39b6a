"""The XMP sidecar an imported photo is uploaded with: its Google description, location
and people (as ``People/<name>`` tags, see :mod:`.tags`).

Immich keeps neither in the upload's form fields; it reads both from an XMP sidecar sent
with the upload (``sidecarData``), whose tags win over the file's own. Sending them with
the upload makes them part of the one request that creates the asset: a run killed right
after an upload cannot leave a photo without them, and an asset in the locked folder
(which an API key may not update afterwards) gets them too. No date goes into the sidecar:
its dates would beat the file's EXIF time and zone.
"""

from __future__ import annotations

from .sidecar import GeoPoint, MediaSidecar
from .tags import person_tag

__all__ = ["sidecar_xmp"]

_HEAD = (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
    '  <rdf:Description rdf:about=""\n'
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
    '    xmlns:digiKam="http://www.digikam.org/ns/1.0/"\n'
    '    xmlns:exif="http://ns.adobe.com/exif/1.0/">\n'
)
_TAIL = '  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end="w"?>\n'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _coordinate(value: float, positive: str, negative: str) -> str:
    """XMP's ``DDD,MM.mmmmmmk`` form (degrees, decimal minutes, hemisphere)."""
    hemisphere = positive if value >= 0 else negative
    degrees, minutes = divmod(abs(value) * 60, 60)
    return f"{int(degrees)},{minutes:.6f}{hemisphere}"


def _valid(point: GeoPoint | None) -> GeoPoint | None:
    if point is None:
        return None
    if not (-90 <= point.latitude <= 90 and -180 <= point.longitude <= 180):
        return None
    return point


def sidecar_xmp(sidecar: MediaSidecar | None) -> bytes | None:
    """The XMP for *sidecar*'s description, location and people; None when it has none."""
    if sidecar is None:
        return None
    description = sidecar.description.strip()
    where = _valid(sidecar.location)
    tags = sorted({t for t in map(person_tag, sidecar.people) if t is not None})
    if not description and where is None and not tags:
        return None
    body = []
    if description:
        body.append(
            '   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">'
            f"{_escape(description)}</rdf:li></rdf:Alt></dc:description>\n"
        )
    if where is not None:
        body.append(
            f"   <exif:GPSLatitude>{_coordinate(where.latitude, 'N', 'S')}</exif:GPSLatitude>\n"
            f"   <exif:GPSLongitude>{_coordinate(where.longitude, 'E', 'W')}</exif:GPSLongitude>\n"
        )
    if tags:  # the tag list Immich reads first (digiKam's), "/" separating the levels
        items = "".join(f"<rdf:li>{_escape(t)}</rdf:li>" for t in tags)
        body.append(f"   <digiKam:TagsList><rdf:Seq>{items}</rdf:Seq></digiKam:TagsList>\n")
    return (_HEAD + "".join(body) + _TAIL).encode()
