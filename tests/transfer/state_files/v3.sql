-- A state file of schema version 3, as immich-bulk wrote it: the hash cache keyed by
-- ctime, and the migration journal's tables as the journal created them on first use.
-- Test data: never edit (an old file must keep upgrading as it did).
PRAGMA application_id = 1229802818;
PRAGMA user_version = 3;
CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        server_key TEXT NOT NULL,
        user_id TEXT NOT NULL,
        created_at REAL NOT NULL,
        UNIQUE (server_key, user_id)
    );
INSERT INTO "accounts" VALUES(1,'https://photos.example.com','user-1',1.0);
CREATE TABLE album_assets (
        account_id INTEGER NOT NULL,
        album_id TEXT NOT NULL,
        asset_id TEXT NOT NULL,
        recorded_at REAL NOT NULL,
        PRIMARY KEY (account_id, album_id, asset_id)
    ) WITHOUT ROWID;
INSERT INTO "album_assets" VALUES(1,'album-1','asset-1',3.0);
CREATE TABLE albums (
        account_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        album_id TEXT NOT NULL,
        recorded_at REAL NOT NULL,
        PRIMARY KEY (account_id, name)
    ) WITHOUT ROWID;
INSERT INTO "albums" VALUES(1,'Trip','album-1',3.0);
CREATE TABLE downloads (
        account_id INTEGER NOT NULL,
        asset_id TEXT NOT NULL,
        path BLOB NOT NULL,
        checksum BLOB,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        recorded_at REAL NOT NULL,
        PRIMARY KEY (account_id, asset_id)
    ) WITHOUT ROWID;
INSERT INTO "downloads" VALUES(1,'asset-9',X'322F622E6A7067',X'E9D71F5EE7C92D6DC9E92FFDAD17B8BD49418F98',90,9,3.0);
CREATE TABLE hash_cache (
        dev INTEGER NOT NULL,
        ino INTEGER NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        sha1 BLOB NOT NULL CHECK (length(sha1) = 20),
        path BLOB,
        hashed_at REAL NOT NULL, ctime_ns INTEGER NOT NULL DEFAULT 0, generation INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (dev, ino)
    ) WITHOUT ROWID;
INSERT INTO "hash_cache" VALUES(1,7,70,5,X'C00DBBC9DADFBE1E232E93A729DD4752FADE0ABF',X'612E6A7067',1.0,6,0);
CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
INSERT INTO "meta" VALUES('created_at','1.0');
CREATE TABLE migrate_assets (
        pair_id INTEGER NOT NULL,
        source_id TEXT NOT NULL,
        checksum BLOB NOT NULL CHECK (length(checksum) = 20),
        target_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('uploaded', 'existing')),
        meta_fp TEXT,
        recorded_at REAL NOT NULL,
        PRIMARY KEY (pair_id, source_id)
    ) WITHOUT ROWID;
INSERT INTO "migrate_assets" VALUES(1,'s1',X'640D87E741E6AA4C669A82A4CD304787960513AB','t1','uploaded','fp1',5.0);
CREATE TABLE migrate_link_members (
        pair_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        source_key TEXT NOT NULL,
        target_asset_id TEXT NOT NULL,
        recorded_at REAL NOT NULL,
        PRIMARY KEY (pair_id, kind, source_key, target_asset_id)
    ) WITHOUT ROWID;
INSERT INTO "migrate_link_members" VALUES(1,'album','a1','t1',5.0);
CREATE TABLE migrate_links (
        pair_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        source_key TEXT NOT NULL,
        target_key TEXT NOT NULL,
        fp TEXT NOT NULL,
        recorded_at REAL NOT NULL,
        PRIMARY KEY (pair_id, kind, source_key)
    ) WITHOUT ROWID;
INSERT INTO "migrate_links" VALUES(1,'album','a1','ta1','x',5.0);
CREATE TABLE migrate_pairs (
        id INTEGER PRIMARY KEY,
        source_key TEXT NOT NULL,
        source_user TEXT NOT NULL,
        target_key TEXT NOT NULL,
        target_user TEXT NOT NULL,
        created_at REAL NOT NULL,
        UNIQUE (source_key, source_user, target_key, target_user)
    );
INSERT INTO "migrate_pairs" VALUES(1,'https://old.example','u1','http://new.example:2283','u2',5.0);
CREATE TABLE "paused_queues" (
            server_key TEXT NOT NULL,
            owner TEXT NOT NULL,
            queues TEXT NOT NULL,
            paused_at REAL NOT NULL,
            PRIMARY KEY (server_key, owner)
        ) WITHOUT ROWID;
INSERT INTO "paused_queues" VALUES('https://photos.example.com','run-a','["ocr"]',4.0);
CREATE TABLE uploads (
        account_id INTEGER NOT NULL,
        sha1 BLOB NOT NULL CHECK (length(sha1) = 20),
        asset_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('uploaded', 'duplicate')),
        path BLOB,
        recorded_at REAL NOT NULL, sidecar_sha1 BLOB CHECK (sidecar_sha1 IS NULL OR length(sidecar_sha1) = 20),
        PRIMARY KEY (account_id, sha1)
    ) WITHOUT ROWID;
INSERT INTO "uploads" VALUES(1,X'EEB35D331BDDCDDFDBB0A6D16F64120BB01356FD','asset-1','uploaded',X'612E6A7067',2.0,X'878BB774E8D7AFF5774C6EDC6BC72CEB88C2D746');
CREATE INDEX albums_by_id ON albums (account_id, album_id);
CREATE INDEX downloads_by_path ON downloads (account_id, path);
