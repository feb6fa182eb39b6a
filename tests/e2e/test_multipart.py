"""The multipart rule that the fake once got wrong: Immich judges each file part by a
``filename`` field that arrived before it."""

from __future__ import annotations

import datetime as dt

import httpx

from immich_bulk import AsyncClient, UploadFile
from immich_bulk.models import AssetMediaCreateDto
from immich_bulk.samples import jpeg_bytes

from .real import RealUser, wait_for_jobs

WHEN = dt.datetime(2020, 5, 6, 7, 8, 9, tzinfo=dt.timezone.utc)
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description>'
    b'<rdf:Alt><rdf:li xml:lang="x-default">a caption from the sidecar</rdf:li></rdf:Alt>'
    b"</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>"
)


async def test_a_filename_field_sent_before_a_sidecar_part_gets_it_refused(user: RealUser) -> None:
    fields = {
        "deviceAssetId": "a",
        "deviceId": "e2e",
        "fileCreatedAt": WHEN.isoformat(),
        "fileModifiedAt": WHEN.isoformat(),
        "filename": "a.jpg",
    }
    files = {
        "assetData": ("a.jpg", jpeg_bytes(1, WHEN.replace(tzinfo=None))),
        "sidecarData": ("a.jpg.xmp", XMP),
    }
    async with httpx.AsyncClient(headers={"x-api-key": user.api_key}) as http:
        answer = await http.post(f"{user.server.url}/assets", data=fields, files=files)
    assert answer.status_code == 400
    assert answer.json()["message"] == "Unsupported file type a.jpg"


async def test_the_generated_upload_sends_a_sidecar_the_server_reads(
    client: AsyncClient, admin: AsyncClient
) -> None:
    body = AssetMediaCreateDto(
        asset_data=jpeg_bytes(2, WHEN.replace(tzinfo=None)),
        sidecar_data=UploadFile(XMP, filename="b.jpg.xmp"),
        device_asset_id="b",
        device_id="e2e",
        file_created_at=WHEN,
        file_modified_at=WHEN,
        filename="b.jpg",
    )
    created = await client.assets.upload_asset(body)
    await wait_for_jobs(admin)
    info = await client.assets.get_asset_info(created.id)
    assert info.original_file_name == "b.jpg"
    assert info.exif_info and info.exif_info.description == "a caption from the sidecar"
