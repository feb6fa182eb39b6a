"""Where the ``*_to_file`` helpers write: ``out_dir`` is a directory (created when missing,
whether or not the path ends with ``/``), ``filename=`` names the file in it; the older
spellings (``dest=``, a file path as ``out_dir``) still work, with a DeprecationWarning.
A download that fails leaves nothing behind."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from immich_bulk import AsyncClient, BadRequestError, NotFoundError
from immich_bulk.models import CreateProfileImageDto
from immich_bulk.testing import FakeImmich

from .conftest import add, assets_api, data, fast_config, files_under, leftovers

KB = 1024
Helper = Callable[..., Awaitable[Path]]


async def _helpers(fake: FakeImmich, client: AsyncClient, tmp_path: Path) -> dict[str, Helper]:
    """Each single-file helper, bound to something it can download."""
    photo = add(fake, "holiday.jpg", 20 * KB)
    video = add(fake, "clip.mp4", 20 * KB)
    image = tmp_path / "me.png"
    image.write_bytes(data("avatar", 2000))
    await client.users.create_profile_image(CreateProfileImageDto(file=image))
    image.unlink()
    me = await client.users.get_my_user()
    api = assets_api(client)

    async def original(out: object, **kw: object) -> Path:
        return await api.download_asset_to_file(photo.id, out, **kw)  # type: ignore[arg-type]

    async def thumbnail(out: object, **kw: object) -> Path:
        return await api.view_asset_to_file(photo.id, out, **kw)  # type: ignore[arg-type]

    async def playback(out: object, **kw: object) -> Path:
        return await api.play_asset_video_to_file(video.id, out, **kw)  # type: ignore[arg-type]

    async def profile(out: object, **kw: object) -> Path:
        return await client.users.get_profile_image_to_file(me.id, out, **kw)  # type: ignore[arg-type]

    async def archive(out: object, **kw: object) -> Path:
        (path,) = await client.download.download_archive_to_file(
            asset_ids=[photo.id],
            out_dir=out,  # type: ignore[arg-type]
            **kw,  # type: ignore[arg-type]
        )
        return path

    return {
        "original": original,
        "thumbnail": thumbnail,
        "playback": playback,
        "profile": profile,
        "archive": archive,
    }


HELPERS = ["original", "thumbnail", "playback", "profile", "archive"]


@pytest.mark.parametrize("helper", HELPERS)
async def test_a_folder_that_does_not_exist_yet_is_a_folder(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path, helper: str
) -> None:
    """``pathlib.Path("photos")`` cannot carry a trailing ``/``: it is a directory all the
    same, created on the way, and the file is named as the server names it."""
    call = (await _helpers(fake, client, tmp_path))[helper]
    out = tmp_path / "new" / "photos"
    path = await call(out)
    assert path.parent == out and out.is_dir()
    assert sorted(files_under(tmp_path)) == [f"new/photos/{path.name}"]
    assert path.name not in ("photos", "")


@pytest.mark.parametrize("helper", HELPERS)
async def test_filename_names_the_file_in_the_folder(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path, helper: str
) -> None:
    call = (await _helpers(fake, client, tmp_path))[helper]
    path = await call(tmp_path / "out", filename="chosen.bin")
    assert path == tmp_path / "out" / "chosen.bin"
    assert sorted(files_under(tmp_path)) == ["out/chosen.bin"]


@pytest.mark.parametrize("helper", HELPERS)
async def test_the_old_spellings_still_work_with_a_deprecation_warning(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path, helper: str
) -> None:
    call = (await _helpers(fake, client, tmp_path))[helper]
    with pytest.warns(DeprecationWarning, match="filename="):
        as_file = await call(tmp_path / "a" / "cover.bin")
    assert as_file == tmp_path / "a" / "cover.bin"
    with pytest.warns(DeprecationWarning, match="dest= is deprecated"):
        if helper == "archive":
            (by_dest,) = await fake_archive_by_dest(client, fake, tmp_path / "b" / "x.zip")
        else:
            by_dest = await call(None, dest=tmp_path / "b" / "x.bin")
    assert by_dest.parent == tmp_path / "b" and by_dest.name in ("x.bin", "x.zip")


async def fake_archive_by_dest(client: AsyncClient, fake: FakeImmich, dest: Path) -> list[Path]:
    asset = add(fake, "for-the-zip.jpg", 5 * KB)
    return await client.download.download_archive_to_file(asset_ids=[asset.id], dest=dest)


async def test_the_warning_points_at_the_caller(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    asset = add(fake, "w.jpg")
    with pytest.warns(DeprecationWarning) as caught:
        await assets_api(client).download_asset_to_file(asset.id, tmp_path / "w.jpg")
    assert caught[0].filename == __file__


@pytest.mark.parametrize("bad", ["a/b.jpg", "..", ".", "", "x\0y"])
async def test_a_filename_with_a_directory_part_is_refused(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path, bad: str
) -> None:
    asset = add(fake, "r.jpg")
    with pytest.raises(ValueError, match="plain file name"):
        await assets_api(client).download_asset_to_file(asset.id, tmp_path, filename=bad)
    assert list(tmp_path.iterdir()) == []
    assert fake.counters.requests_to("downloadAsset") == 0


async def test_dest_and_out_dir_together_are_refused(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    asset = add(fake, "t.jpg")
    with pytest.raises(TypeError, match="not dest="):
        await assets_api(client).download_asset_to_file(asset.id, tmp_path, dest=tmp_path)


# ---------------------------------------------------------------------- nothing left behind


@pytest.mark.parametrize("spelling", ["folder", "filename", "deprecated file path"])
async def test_a_user_without_a_profile_image_leaves_nothing(
    client: AsyncClient, tmp_path: Path, spelling: str
) -> None:
    me = await client.users.get_my_user()
    out = tmp_path / "avatars" / "2024"
    users = client.users
    with pytest.raises(NotFoundError, match="does not have a profile image"):
        if spelling == "folder":
            await users.get_profile_image_to_file(me.id, out)
        elif spelling == "filename":
            await users.get_profile_image_to_file(me.id, out, filename="me.jpg")
        else:
            with pytest.warns(DeprecationWarning):
                await users.get_profile_image_to_file(me.id, out / "me.jpg")
    assert list(tmp_path.iterdir()) == []


async def test_a_failed_download_removes_only_what_it_created(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    """The folders it made go with it; a folder that was there stays, with its files."""
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / "other.jpg").write_bytes(b"x")
    missing = "00000000-0000-4000-8000-000000000000"
    api = assets_api(client)
    for out in (tmp_path / "kept" / "a" / "b", tmp_path / "kept"):
        with pytest.raises(BadRequestError):  # what Immich answers for an unknown asset
            await api.download_asset_to_file(
                missing,
                out,
                filename="x.jpg",  # no asset info needed: straight to the download
                checksum="0" * 40,
                preserve_mtime=False,
                config=fast_config(),
            )
    assert sorted(files_under(tmp_path)) == ["kept/other.jpg"]
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["kept", "other.jpg"]
    assert leftovers(tmp_path) == []
