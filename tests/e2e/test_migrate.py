"""Migrating between two users of a real server: the library call and the command, every
carried field checked on the target, then ``verify_migration`` / ``--verify`` clean."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from immich_bulk import AsyncClient
from immich_bulk.models import AssetResponseDto, AssetVisibility, ExifResponseDto, UpdateAssetDto
from immich_bulk.transfer.migrate.engine import migrate, verify_migration

from .library import UPLOADED, Library, build_library, build_small_library, photo_bytes
from .media import upload
from .real import RealUser, all_assets, run_cli, wait_for_jobs
from .sessions import unlocked_session

#: Uploaded to the target before the migration: a photo with edited metadata, a video.
ALREADY_ON_TARGET = ("zoned.jpg", "located.jpg", "clip.mp4")
VISIBILITIES = (AssetVisibility.TIMELINE, AssetVisibility.ARCHIVE, AssetVisibility.HIDDEN)


async def ids_by_name(client: AsyncClient, library: Library) -> dict[str, str]:
    """The user's assets of every visibility (but locked), by the library's file names."""
    names = library.checksum_names()
    found: dict[str, str] = {}
    for visibility in VISIBILITIES:
        for asset in await all_assets(client, visibility=visibility):
            name = names.get(asset.checksum)
            assert name is not None, f"{asset.original_file_name} is not from the library"
            assert name not in found, f"{name} is there twice"
            found[name] = asset.id
    return found


def _fields(info: AssetResponseDto, names: dict[str, str]) -> dict[str, Any]:
    exif = info.exif_info
    assert isinstance(exif, ExifResponseDto)
    return {
        "name": info.original_file_name,
        "type": info.type.value,
        "favorite": info.is_favorite,
        "visibility": info.visibility.value,
        "description": exif.description or "",
        "rating": exif.rating,
        "taken": exif.date_time_original,
        "time_zone": exif.time_zone,
        "local": info.local_date_time,
        "location": (exif.latitude, exif.longitude),
        "motion": names.get(info.live_photo_video_id or ""),
        "stack_primary": names.get(info.stack.primary_asset_id) if info.stack else None,
        "tags": sorted(t.value for t in info.tags or []),
    }


async def snapshot(client: AsyncClient, ids: dict[str, str]) -> dict[str, dict[str, Any]]:
    """What the server says about each asset that a migration carries."""
    names = {asset_id: name for name, asset_id in ids.items()}
    return {
        name: _fields(await client.assets.get_asset_info(asset_id), names)
        for name, asset_id in ids.items()
    }


async def albums_of(client: AsyncClient, ids: dict[str, str]) -> dict[str, Any]:
    names = {asset_id: name for name, asset_id in ids.items()}
    out: dict[str, Any] = {}
    for album in await client.albums.get_all_albums():
        full = await client.albums.get_album_info(album.id)
        out[album.album_name] = {
            "description": full.description,
            "assets": sorted(names[a.id] for a in full.assets),
            "cover": names.get(full.album_thumbnail_asset_id or ""),
        }
    return out


def differences(
    before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]
) -> dict[str, dict[str, tuple[Any, Any]]]:
    """name -> field -> (source value, target value), for every field that differs."""
    return {
        name: diff
        for name in sorted(before.keys() | after.keys())
        if (
            diff := {
                field: (before.get(name, {}).get(field), after.get(name, {}).get(field))
                for field in before.get(name, {}).keys() | after.get(name, {}).keys()
                if before.get(name, {}).get(field) != after.get(name, {}).get(field)
            }
        )
    }


def check_the_source_has_what_we_set(source: dict[str, dict[str, Any]]) -> None:
    """The server kept what the library set up (else the comparison proves little)."""
    assert source["fav.jpg"]["favorite"] and source["fav.jpg"]["tags"] == ["people/bob"]
    assert source["archived.jpg"]["visibility"] == "archive"
    assert source["hidden.jpg"]["visibility"] == "hidden"
    assert source["described.jpg"]["description"] == "sunset at the lake"
    assert source["rated.jpg"]["rating"] == 4
    assert source["zoned.jpg"]["time_zone"] == "UTC+2"
    assert source["zoned.jpg"]["taken"].isoformat() == "2019-05-01T10:30:00+00:00"
    assert source["located.jpg"]["location"] == (48.8566, 2.3522)
    assert source["clip.mp4"]["type"] == "VIDEO" and source["clip.mp4"]["tags"] == ["trip"]
    assert source["IMG_0042.jpg"]["motion"] == "IMG_0042.mov"
    assert source["IMG_0042.mov"]["visibility"] == "hidden"
    assert source["s1.jpg"]["stack_primary"] == source["s2.jpg"]["stack_primary"] == "s2.jpg"


async def test_migrate_carries_every_field_and_verifies_clean(
    user: RealUser, other_user: RealUser, admin: AsyncClient, tmp_path: Path
) -> None:
    async with user.client() as source, other_user.client() as target:
        library = await build_library(source)
        # the target already has some (a phone backed them up): found, not sent again
        for name in ALREADY_ON_TARGET:
            await upload(target, library.files[name], name, UPLOADED)
        await wait_for_jobs(admin)
        source_ids = await ids_by_name(source, library)
        assert source_ids == library.ids
        before = await snapshot(source, source_ids)
        check_the_source_has_what_we_set(before)

        report = await migrate(source, target, state_path=tmp_path / "state.sqlite3")
        assert report.ok, [o.to_dict() for o in report.outcomes() if not o.ok]
        assert report.count("exists") == len(ALREADY_ON_TARGET), report.summary()
        await wait_for_jobs(admin)  # the target reads the files (and the generated sidecars)

        target_ids = await ids_by_name(target, library)
        assert sorted(target_ids) == sorted(library.files)
        after = await snapshot(target, target_ids)
        assert differences(before, after) == {}
        assert await albums_of(target, target_ids) == await albums_of(source, source_ids)

        diff = await verify_migration(source, target)
        assert diff.ok, diff.summary() + "\n" + "\n".join(map(str, diff.differences()))

        again = await migrate(source, target, state_path=tmp_path / "state.sqlite3")
        assert again.ok and not again.count("migrated"), again.summary()


async def test_the_migrate_command_with_verify_exits_0(
    user: RealUser, other_user: RealUser, admin: AsyncClient, tmp_path: Path
) -> None:
    async with user.client() as source:
        library = await build_small_library(source)
    await wait_for_jobs(admin)

    env = other_user.env(tmp_path / "state.sqlite3")
    env["IMMICH_FROM_API_KEY"] = user.api_key
    done = run_cli(
        ["migrate", "--from", user.server.url, "--verify", "--json", "--no-progress",
         "--state", str(tmp_path / "state.sqlite3")],
        env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(done.stdout)
    assert result["migrate"]["counts"] == {"migrated": 5}  # 4 assets, album Trip
    assert result["verify"]["ok"] is True and result["verify"]["differences"] == []
    await wait_for_jobs(admin)

    async with user.client() as source, other_user.client() as target:
        source_ids = await ids_by_name(source, library)
        target_ids = await ids_by_name(target, library)
        before = await snapshot(source, source_ids)
        assert before["IMG_0042.jpg"]["motion"] == "IMG_0042.mov"
        assert differences(before, await snapshot(target, target_ids)) == {}
        assert await albums_of(target, target_ids) == await albums_of(source, source_ids)


async def test_the_locked_folder_migrates_from_an_unlocked_session(
    user: RealUser, other_user: RealUser, admin: AsyncClient
) -> None:
    photos = {"open.jpg": photo_bytes(300), "secret.jpg": photo_bytes(301)}
    source = await unlocked_session(user)
    async with user.client() as source_key, other_user.client() as target_key, source:
        await upload(source_key, photos["open.jpg"], "open.jpg", UPLOADED)
        secret = await upload(
            source_key,
            photos["secret.jpg"],
            "secret.jpg",
            UPLOADED,
            visibility=AssetVisibility.LOCKED,
        )  # an API key may upload into the locked folder, but not list it
        await source.assets.update_asset(secret, UpdateAssetDto(description="for my eyes"))
        await wait_for_jobs(admin)

        keys_only = await migrate(source_key, target_key, state_path=None)
        assert keys_only.counts == {"migrated": 1}, keys_only.summary()
        assert any("locked folder" in note for note in keys_only.notes), keys_only.notes

        # an unlocked session on the source lists it; an API key on the target uploads it
        # into the target's locked folder (and may not change it afterwards)
        report = await migrate(source, target_key, state_path=None)
        assert report.ok and report.counts == {"migrated": 1, "exists": 1}, [
            o.to_dict() for o in report.outcomes()
        ]
        again = await migrate(source, target_key, state_path=None)
        assert again.ok and again.counts == {"exists": 2}, [o.to_dict() for o in again.outcomes()]
        await wait_for_jobs(admin)

        target = await unlocked_session(other_user)
        async with target:
            (locked,) = await all_assets(target, visibility=AssetVisibility.LOCKED)
            assert locked.original_file_name == "secret.jpg"
            assert locked.exif_info and locked.exif_info.description == "for my eyes"
            diff = await verify_migration(source, target)
            assert diff.ok and diff.counts == {}, list(diff.differences())
            assert not [n for n in diff.notes if "locked" in n], diff.notes
