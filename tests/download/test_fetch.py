"""Single-file downloads: resume, restarts, unsatisfiable ranges, verification, names."""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

from immich_bulk import AsyncClient, ChecksumMismatchError, ResumeError
from immich_bulk._http.response import RawCall
from immich_bulk.models import AssetMediaSize, CreateProfileImageDto
from immich_bulk.testing import FakeImmich, ThreadServer
from immich_bulk.transfer.download.resumable import (
    fetch,
    item_part_path,
    meta_path_for,
    parse_content_range,
    part_path_for,
)

from .conftest import (
    WHEN,
    Rewrite,
    add,
    assets_api,
    data,
    fast_config,
    files_under,
    leftovers,
    plant_part,
)

KB = 1024


def b64(raw: bytes) -> str:
    return base64.b64encode(hashlib.sha1(raw).digest()).decode()


def requester(client: AsyncClient, asset_id: str) -> object:
    def request(headers: Mapping[str, str]) -> RawCall:
        return client.assets.download_asset_without_preload_content(asset_id, _headers=headers)

    return request


# ---------------------------------------------------------------------- basics


async def test_download_into_a_directory_and_to_a_file(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    asset = add(fake, "img 1 é.jpg", 300 * KB)
    api = assets_api(client)
    into_dir = await api.download_asset_to_file(asset.id, tmp_path, config=fast_config())
    assert into_dir == tmp_path / "img 1 é.jpg"
    assert into_dir.read_bytes() == fake.read_asset(asset.id)
    assert into_dir.stat().st_mtime_ns == int(WHEN.timestamp()) * 10**9
    as_file = await api.download_asset_to_file(
        asset.id, tmp_path / "sub", filename="renamed.jpg", config=fast_config()
    )
    assert as_file == tmp_path / "sub" / "renamed.jpg"
    assert as_file.read_bytes() == fake.read_asset(asset.id)
    assert leftovers(tmp_path) == []


async def test_a_trailing_slash_means_a_directory(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    asset = add(fake, "a.jpg")
    dest = tmp_path / "new-dir"
    path = await assets_api(client).download_asset_to_file(asset.id, f"{dest}/")
    assert path == dest / "a.jpg"


async def test_rerun_finds_the_file_and_downloads_nothing(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    asset = add(fake, "a.jpg", 50 * KB)
    api = assets_api(client)
    first = await api.download_asset_to_file(asset.id, tmp_path)
    second = await api.download_asset_to_file(asset.id, tmp_path)
    assert first == second
    assert fake.counters.requests_to("downloadAsset") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jpg"]


async def test_a_name_taken_by_other_content_gets_a_stable_suffix(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    asset = add(fake, "a.jpg", 20 * KB)
    (tmp_path / "a.jpg").write_bytes(b"someone else's photo")
    api = assets_api(client)
    path = await api.download_asset_to_file(asset.id, tmp_path)
    assert path.name == f"a ({asset.id[:8]}).jpg"
    assert (tmp_path / "a.jpg").read_bytes() == b"someone else's photo"
    again = await api.download_asset_to_file(asset.id, tmp_path)
    assert again == path
    assert fake.counters.requests_to("downloadAsset") == 1


async def test_renditions_video_and_profile_image(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    photo = add(fake, "holiday.jpg")
    video = add(fake, "clip.mp4", 40 * KB)
    api = assets_api(client)
    thumb = await api.view_asset_to_file(photo.id, tmp_path)
    assert thumb == tmp_path / "holiday_thumbnail.webp"
    preview = await api.view_asset_to_file(photo.id, tmp_path, size=AssetMediaSize.PREVIEW)
    assert preview.name == "holiday_preview.jpeg"
    playback = await api.play_asset_video_to_file(video.id, tmp_path, filename="v.mp4")
    assert playback.read_bytes() == fake.read_asset(video.id)
    # the same rendition again replaces itself, it does not pile up copies
    assert await api.view_asset_to_file(photo.id, tmp_path) == thumb

    image = tmp_path / "me.png"
    image.write_bytes(data("profile", 2000))
    me = await client.users.get_my_user()
    await client.users.create_profile_image(CreateProfileImageDto(file=image))
    out = tmp_path / "profiles"
    out.mkdir()
    profile = await client.users.get_profile_image_to_file(me.id, out)
    assert profile.parent == out and profile.name.startswith("profile-")
    assert profile.read_bytes() == image.read_bytes()
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------------------- resume


async def test_resumes_a_planted_part_with_range_and_if_range(
    fake: FakeImmich, tmp_path: Path
) -> None:
    asset = add(fake, "big.jpg", 400 * KB)
    content = fake.read_asset(asset.id)
    final = tmp_path / "big.jpg"
    probe = httpx.AsyncClient(transport=httpx.ASGITransport(app=fake.app))
    head = await probe.head(
        f"http://fake/api/assets/{asset.id}/original", headers={"x-api-key": fake.api_key}
    )
    await probe.aclose()
    etag = head.headers["etag"]
    plant_part(final, content[: 150 * KB], etag=etag, asset_id=asset.id, checksum=b64(content))
    spy = Rewrite(httpx.ASGITransport(app=fake.app))
    fake.counters.reset()
    async with fake.client(transport=spy) as client:
        result = await fetch(
            requester(client, asset.id),  # type: ignore[arg-type]
            final=final,
            identity={"kind": "original", "id": asset.id},
            expected_checksum=b64(content),
            config=fast_config(),
        )
    assert final.read_bytes() == content
    assert result.resumed_from == 150 * KB and result.received == 250 * KB
    assert result.restarts == 0 and result.verified
    sent = spy.seen[-1].headers
    assert sent["range"] == f"bytes={150 * KB}-"
    assert sent["if-range"] == etag
    assert sent["accept-encoding"] == "identity"
    assert fake.counters.requests_to("downloadAsset", 206) == 1
    assert leftovers(tmp_path) == []


async def test_resumes_after_the_connection_drops_mid_body(
    server: ThreadServer, socket_client: AsyncClient, tmp_path: Path
) -> None:
    asset = add(server.fake, "drop.jpg", 2048 * KB)
    server.fake.faults.drop_response(after_bytes=700 * KB, match="downloadAsset")
    path = await assets_api(socket_client).download_asset_to_file(
        asset.id, tmp_path, config=fast_config()
    )
    assert path.read_bytes() == server.fake.read_asset(asset.id)
    counters = server.fake.counters
    assert counters.faults["drop_response"] == 1
    assert counters.requests_to("downloadAsset", 200) == 1
    assert counters.requests_to("downloadAsset", 206) == 1  # the rest, not everything again
    assert counters.bytes_sent < 2 * 2048 * KB
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("kind", ["etag_change", "ignore_range"])
async def test_a_resume_answered_with_the_whole_file_restarts_from_zero(
    server: ThreadServer, socket_client: AsyncClient, tmp_path: Path, kind: str
) -> None:
    """Over a socket the connection drops mid-body; the resume then gets the whole file
    with 200, because the file changed (its If-Range no longer matches) or because a proxy
    stripped the Range: that body is the fresh start, never appended to the bytes there."""
    asset = add(server.fake, f"{kind}.jpg", 1024 * KB)
    server.fake.faults.drop_response(after_bytes=300 * KB, match="downloadAsset")
    server.fake.faults.add_dict({"kind": kind, "match": "downloadAsset", "skip": 1})
    final = tmp_path / f"{kind}.jpg"
    result = await fetch(
        requester(socket_client, asset.id),  # type: ignore[arg-type]
        final=final,
        expected_checksum=server.fake.asset(asset.id).checksum,  # type: ignore[union-attr]
        config=fast_config(),
    )
    assert final.read_bytes() == server.fake.read_asset(asset.id)
    assert result.restarts == 1 and result.retries == 1
    counters = server.fake.counters
    assert counters.faults[kind] == 1
    assert counters.requests_to("downloadAsset", 200) == 2
    assert counters.requests_to("downloadAsset", 206) == 0
    assert leftovers(tmp_path) == []


async def test_etag_changing_on_every_request_gives_up(
    server: ThreadServer, socket_client: AsyncClient, tmp_path: Path
) -> None:
    asset = add(server.fake, "flaky.jpg", 1024 * KB)
    server.fake.faults.drop_response(after_bytes=100 * KB, match="downloadAsset", times=None)
    server.fake.faults.change_etag(times=None)
    with pytest.raises(ResumeError, match="restarts"):
        await fetch(
            requester(socket_client, asset.id),  # type: ignore[arg-type]
            final=tmp_path / "flaky.jpg",
            config=fast_config(max_restarts=2),
        )
    assert not (tmp_path / "flaky.jpg").exists()
    # the first try, two restarts, and the answer that would have been a third restart
    assert server.fake.counters.requests_to("downloadAsset") == 4


async def test_a_server_that_ignores_range_restarts_cleanly(
    fake: FakeImmich, tmp_path: Path
) -> None:
    asset = add(fake, "norange.jpg", 200 * KB)
    content = fake.read_asset(asset.id)
    final = tmp_path / "norange.jpg"
    plant_part(final, content[:90 * KB], etag='W/"whatever"', asset_id=asset.id,
               checksum=b64(content))  # fmt: skip
    ignoring = Rewrite(httpx.ASGITransport(app=fake.app), drop_request_headers=("range",))
    async with fake.client(transport=ignoring) as client:
        result = await fetch(
            requester(client, asset.id),  # type: ignore[arg-type]
            final=final,
            identity={"kind": "original", "id": asset.id},
            expected_checksum=b64(content),
            config=fast_config(),
        )
    assert final.read_bytes() == content
    assert result.restarts == 1 and result.resumed_from == 90 * KB
    assert fake.counters.requests_to("downloadAsset") == 1  # the 200 body was the fresh start


@pytest.mark.parametrize("status", [500, 416])
async def test_unsatisfiable_range_with_a_complete_part_is_verified_and_placed(
    fake: FakeImmich, tmp_path: Path, status: int
) -> None:
    asset = add(fake, "complete.jpg", 64 * KB)
    content = fake.read_asset(asset.id)
    final = tmp_path / "complete.jpg"
    async with fake.httpx_client() as http:
        etag = (await http.head(f"/assets/{asset.id}/original")).headers["etag"]
    fake.counters.reset()
    plant_part(final, content, etag=etag, asset_id=asset.id, checksum=b64(content))
    transport = Rewrite(httpx.ASGITransport(app=fake.app), status_map={500: status})
    async with fake.client(transport=transport) as client:
        result = await fetch(
            requester(client, asset.id),  # type: ignore[arg-type]
            final=final,
            identity={"kind": "original", "id": asset.id},
            expected_checksum=b64(content),
            config=fast_config(),
        )
    assert final.read_bytes() == content
    assert result.received == 0 and result.restarts == 0
    assert transport.seen[-1].headers["range"] == f"bytes={64 * KB}-"
    assert fake.counters.requests_to("downloadAsset") == 1  # no retries of the "500"
    assert leftovers(tmp_path) == []


async def test_unsatisfiable_range_with_a_wrong_size_part_restarts(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    asset = add(fake, "longer.jpg", 32 * KB)
    content = fake.read_asset(asset.id)
    final = tmp_path / "longer.jpg"
    async with fake.httpx_client() as http:
        etag = (await http.head(f"/assets/{asset.id}/original")).headers["etag"]
    fake.counters.reset()
    plant_part(final, content + b"junk" * 100, etag=etag, asset_id=asset.id,
               checksum=b64(content))  # fmt: skip
    result = await fetch(
        requester(client, asset.id),  # type: ignore[arg-type]
        final=final,
        identity={"kind": "original", "id": asset.id},
        expected_checksum=b64(content),
        config=fast_config(),
    )
    assert final.read_bytes() == content
    assert result.restarts == 1
    assert fake.counters.requests_to("downloadAsset", 500) == 1
    assert fake.counters.requests_to("downloadAsset", 200) == 1


async def test_a_part_for_other_content_is_not_resumed(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    asset = add(fake, "x.jpg", 40 * KB)
    content = fake.read_asset(asset.id)
    final = tmp_path / "x.jpg"
    plant_part(final, b"\0" * 1000, etag='W/"x"', asset_id="another-asset",
               checksum=b64(content))  # fmt: skip
    result = await fetch(
        requester(client, asset.id),  # type: ignore[arg-type]
        final=final,
        identity={"kind": "original", "id": asset.id},
        expected_checksum=b64(content),
        config=fast_config(),
    )
    assert result.resumed_from == 0 and final.read_bytes() == content


async def test_transient_errors_are_retried(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    asset = add(fake, "busy.jpg", 30 * KB)
    fake.faults.fail(503, match="downloadAsset", times=2)
    retries: list[str] = []
    result = await fetch(
        requester(client, asset.id),  # type: ignore[arg-type]
        final=tmp_path / "busy.jpg",
        config=fast_config(),
        on_retry=lambda n, reason, wait: retries.append(reason),
    )
    assert result.retries == 2 and retries == ["503", "503"]
    assert (tmp_path / "busy.jpg").read_bytes() == fake.read_asset(asset.id)


async def test_not_found_is_not_retried(client: AsyncClient, tmp_path: Path) -> None:
    from immich_bulk import BadRequestError

    with pytest.raises(BadRequestError):
        await fetch(
            requester(client, "00000000-0000-4000-8000-000000000000"),  # type: ignore[arg-type]
            final=tmp_path / "nothing.jpg",
            config=fast_config(),
        )
    assert not list(tmp_path.iterdir())


# ---------------------------------------------------------------------- verification


async def test_corrupted_bytes_raise_and_leave_no_file(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    asset = add(fake, "rot.jpg", 300 * KB)
    fake.faults.corrupt()
    with pytest.raises(ChecksumMismatchError) as caught:
        await assets_api(client).download_asset_to_file(asset.id, tmp_path, config=fast_config())
    assert caught.value.expected == base64.b64encode(fake.asset(asset.id).checksum).decode()  # type: ignore[union-attr]
    assert caught.value.actual != caught.value.expected
    assert files_under(tmp_path) == {}  # no final file, no .part, no .meta
    assert fake.counters.requests_to("downloadAsset") == 1  # a fresh download is not retried


async def test_verify_false_keeps_the_bytes(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    asset = add(fake, "rot.jpg", 30 * KB)
    fake.faults.corrupt()
    path = await assets_api(client).download_asset_to_file(asset.id, tmp_path, verify=False)
    assert path.read_bytes() != fake.read_asset(asset.id)


async def test_a_bad_resumed_prefix_is_retried_from_zero(fake: FakeImmich, tmp_path: Path) -> None:
    asset = add(fake, "prefix.jpg", 120 * KB)
    content = fake.read_asset(asset.id)
    final = tmp_path / "prefix.jpg"
    async with fake.httpx_client() as http:
        etag = (await http.head(f"/assets/{asset.id}/original")).headers["etag"]
    fake.counters.reset()
    plant_part(final, b"\xff" * (50 * KB), etag=etag, asset_id=asset.id, checksum=b64(content))
    async with fake.client() as client:
        result = await fetch(
            requester(client, asset.id),  # type: ignore[arg-type]
            final=final,
            identity={"kind": "original", "id": asset.id},
            expected_checksum=b64(content),
            config=fast_config(),
        )
    assert final.read_bytes() == content
    assert result.restarts == 1
    assert fake.counters.requests_to("downloadAsset", 206) == 1
    assert fake.counters.requests_to("downloadAsset", 200) == 1


# ---------------------------------------------------------------------- hostile names


HOSTILE = [
    ("../../etc/passwd", "_._.._etc_passwd"),
    ("/abs", "_abs"),
    ("a\\b.webp", "a_b.webp"),
    ("bad\x00\x01\x1f\x7fname.webp", "bad____name.webp"),
    ("CON", "_CON"),
    ("x" * 1000 + ".webp", None),
]


@pytest.mark.parametrize(("proposed", "expected"), HOSTILE)
async def test_hostile_content_disposition_stays_inside_dest(
    fake: FakeImmich, tmp_path: Path, proposed: str, expected: str | None
) -> None:
    from urllib.parse import quote

    photo = add(fake, "p.jpg")
    dest = tmp_path / "dest"
    dest.mkdir()
    header = "inline; filename*=UTF-8''" + quote(proposed, safe="")
    transport = Rewrite(
        httpx.ASGITransport(app=fake.app), response_headers={"content-disposition": header}
    )
    async with fake.client(transport=transport) as client:
        path = await assets_api(client).view_asset_to_file(photo.id, dest)
    assert path.parent == dest
    assert os.path.realpath(path).startswith(os.path.realpath(dest) + os.sep)
    if expected is not None:
        assert path.name == expected
    else:
        assert path.name.endswith(".webp") and len(path.name.encode()) <= 245
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dest"]
    assert leftovers(tmp_path) == []


async def test_a_planted_part_symlink_is_not_followed(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    asset = add(fake, "victim.jpg", 200 * KB)  # several blocks: a .meta is written
    dest = tmp_path / "dest"
    dest.mkdir()
    outside = tmp_path / "precious.txt"
    outside.write_bytes(b"do not touch")
    part = item_part_path(dest, "original", asset.id)
    os.symlink(outside, part)
    os.symlink(outside, meta_path_for(part))
    path = await assets_api(client).download_asset_to_file(asset.id, dest, config=fast_config())
    assert path.read_bytes() == fake.read_asset(asset.id)
    assert outside.read_bytes() == b"do not touch"
    assert leftovers(dest) == []


async def test_a_fresh_download_never_follows_a_planted_meta_symlink(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    """A fresh download creates its ``.part`` exclusively; a symlink planted at the
    ``.meta`` (written for a body of several blocks) is removed, never written through."""
    asset = add(fake, "victim.jpg", 200 * KB)
    outside = tmp_path / "precious.txt"
    outside.write_bytes(b"do not touch")
    final = tmp_path / "dest" / "victim.jpg"
    final.parent.mkdir()
    os.symlink(outside, meta_path_for(part_path_for(final)))

    def request(headers: Mapping[str, str]) -> RawCall:
        return client.assets.download_asset_without_preload_content(asset.id, _headers=headers)

    result = await fetch(request, final=final, fresh=True, config=fast_config())
    assert result.path == final and final.read_bytes() == fake.read_asset(asset.id)
    assert outside.read_bytes() == b"do not touch"
    assert leftovers(final.parent) == []


def test_parse_content_range() -> None:
    assert parse_content_range("bytes 100-41201/41202") == (100, 41201, 41202)
    assert parse_content_range("bytes */41202") == (None, None, 41202)
    assert parse_content_range("bytes 0-9/*") == (0, 9, None)
    assert parse_content_range("items 0-9/10") is None
    assert parse_content_range(None) is None


async def test_replace_false_never_clobbers_a_file_that_appeared(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    from immich_bulk.transfer.download.resumable import PlacementConflict

    asset = add(fake, "mine.jpg", 20 * KB)
    final = tmp_path / "mine.jpg"

    def request(headers: Mapping[str, str]) -> RawCall:
        final.write_bytes(b"written by someone else meanwhile")
        return client.assets.download_asset_without_preload_content(asset.id, _headers=headers)

    with pytest.raises(PlacementConflict) as caught:
        await fetch(request, final=final, replace=False, config=fast_config())
    assert final.read_bytes() == b"written by someone else meanwhile"
    kept = caught.value.result.path
    assert kept == part_path_for(final) and kept.read_bytes() == fake.read_asset(asset.id)


# ---------------------------------------------------------------------- fresh downloads


class HopCounter:
    """Counts the worker-thread hops of the download code."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import anyio.to_thread

        self.hops = 0
        real = anyio.to_thread.run_sync

        async def counted(fn: Any, *args: object, **kwargs: Any) -> object:
            if "resumable" in (getattr(fn, "__module__", None) or ""):  # not the fake's
                self.hops += 1
            return await real(fn, *args, **kwargs)

        monkeypatch.setattr(anyio.to_thread, "run_sync", counted)


async def test_a_fresh_small_file_is_written_verified_and_placed_in_one_thread_hop(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asset = add(fake, "small.jpg", 30 * KB)
    final = tmp_path / "small.jpg"
    counter = HopCounter(monkeypatch)
    result = await fetch(
        requester(client, asset.id),  # type: ignore[arg-type]
        final=final,
        expected_checksum=fake.asset(asset.id).checksum,  # type: ignore[union-attr]
        config=fast_config(),
        fresh=True,
    )
    assert counter.hops == 1
    assert result.verified and final.read_bytes() == fake.read_asset(asset.id)
    assert leftovers(tmp_path) == []


async def test_a_fresh_download_waits_for_another_holding_its_part(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    """The ``.part`` is taken with the first write: one held by another download (here a
    leftover that is locked) is waited for, then written from byte 0 with every byte."""
    import fcntl

    asset = add(fake, "held.jpg", 30 * KB)
    final = tmp_path / "held.jpg"
    part = part_path_for(final)
    part.write_bytes(b"another download's bytes")
    holder = os.open(part, os.O_RDWR)
    fcntl.flock(holder, fcntl.LOCK_EX)
    results = []

    async def download() -> None:
        results.append(
            await fetch(
                requester(client, asset.id),  # type: ignore[arg-type]
                final=final,
                expected_checksum=fake.asset(asset.id).checksum,  # type: ignore[union-attr]
                config=fast_config(),
                fresh=True,
            )
        )

    with anyio.fail_after(120):  # a hang guard (a download that would wait before asking)
        async with anyio.create_task_group() as tg:
            tg.start_soon(download)
            while fake.counters.requests_to("downloadAsset") == 0:  # noqa: ASYNC110 (a poll)
                await anyio.sleep(0.01)
            assert not final.exists()  # waiting for the lock, nothing placed
            os.close(holder)  # the other download is done
    assert results[0].verified and final.read_bytes() == fake.read_asset(asset.id)
    assert leftovers(tmp_path) == []


async def test_a_fresh_download_cut_mid_body_keeps_a_part_to_resume(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    asset = add(fake, "cut.jpg", 1024 * KB)
    final = tmp_path / "cut.jpg"
    checksum = fake.asset(asset.id).checksum  # type: ignore[union-attr]
    with anyio.CancelScope() as scope:
        await fetch(
            requester(client, asset.id),  # type: ignore[arg-type]
            final=final,
            expected_checksum=checksum,
            config=fast_config(),  # 64 KiB blocks: cancelled after the first
            progress=lambda _: scope.cancel(),
            fresh=True,
        )
    assert scope.cancelled_caught
    assert 0 < part_path_for(final).stat().st_size <= 1024 * KB
    assert meta_path_for(part_path_for(final)).exists() and not final.exists()
    result = await fetch(
        requester(client, asset.id),  # type: ignore[arg-type]
        final=final,
        expected_checksum=checksum,
        config=fast_config(),
    )
    assert result.resumed_from > 0 and final.read_bytes() == fake.read_asset(asset.id)
    assert leftovers(tmp_path) == []
