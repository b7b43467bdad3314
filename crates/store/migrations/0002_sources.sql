-- Tenderwacht schema, version 2: portal sources, publications and what follows from them.
-- Append-only: never edit this file once released; add a new numbered migration instead.

-- A portal or page the sync reads. `config` is the source's own settings as JSON (the HTML
-- listing definition, the TED query...). `cursor` is where the incremental sync stopped.
CREATE TABLE source (
    id           TEXT PRIMARY KEY NOT NULL,
    name         TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    kind         TEXT NOT NULL CHECK (kind IN ('tenderned', 'ted', 'feed', 'html')),
    base_url     TEXT NOT NULL CHECK (base_url GLOB 'http*://*'),
    config       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config)),
    enabled      INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    cursor       TEXT,
    last_sync_at TEXT,
    created_at   TEXT NOT NULL
) STRICT;

-- Validators of the last response per URL, for conditional requests.
CREATE TABLE http_cache (
    url           TEXT PRIMARY KEY NOT NULL,
    etag          TEXT,
    last_modified TEXT,
    fetched_at    TEXT NOT NULL
) STRICT;

-- Every publication received, with its raw payload (deflate-compressed) for audit and re-parsing.
CREATE TABLE publication (
    id             TEXT PRIMARY KEY NOT NULL,
    tender_id      TEXT NOT NULL REFERENCES tender (id) ON DELETE CASCADE,
    source_id      TEXT REFERENCES source (id) ON DELETE SET NULL,
    source_kind    TEXT NOT NULL,
    external_id    TEXT NOT NULL,
    version        TEXT NOT NULL DEFAULT '',
    kind           TEXT NOT NULL,
    published_at   TEXT,
    url            TEXT,
    payload        BLOB NOT NULL,
    payload_sha256 TEXT NOT NULL,
    payload_format TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    UNIQUE (source_kind, external_id, version)
) STRICT;
CREATE INDEX publication_tender ON publication (tender_id, received_at);

-- Identifiers that tie publications of one procedure together across portals.
CREATE TABLE tender_key (
    kind      TEXT NOT NULL CHECK (kind IN ('kenmerk', 'ted_publication', 'contract_folder', 'fingerprint')),
    value     TEXT NOT NULL,
    tender_id TEXT NOT NULL REFERENCES tender (id) ON DELETE CASCADE,
    PRIMARY KEY (kind, value)
) STRICT;
CREATE INDEX tender_key_tender ON tender_key (tender_id);

-- What a later publication changed; unseen until the consultant has looked.
CREATE TABLE change_event (
    id             TEXT PRIMARY KEY NOT NULL,
    tender_id      TEXT NOT NULL REFERENCES tender (id) ON DELETE CASCADE,
    publication_id TEXT REFERENCES publication (id) ON DELETE SET NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('milestone_moved', 'milestone_added', 'documents_added', 'ended', 'field_changed')),
    field          TEXT NOT NULL,
    old_value      TEXT,
    new_value      TEXT,
    created_at     TEXT NOT NULL,
    seen_at        TEXT
) STRICT;
CREATE INDEX change_event_tender ON change_event (tender_id, created_at);
CREATE INDEX change_event_unseen ON change_event (tender_id) WHERE seen_at IS NULL;

-- The portal's documents of a tender; `sha256` is set once the file is stored offline.
CREATE TABLE tender_document (
    id            TEXT PRIMARY KEY NOT NULL,
    tender_id     TEXT NOT NULL REFERENCES tender (id) ON DELETE CASCADE,
    source_kind   TEXT NOT NULL,
    external_id   TEXT NOT NULL,
    category      TEXT NOT NULL CHECK (category IN ('aankondiging', 'nota_van_inlichtingen', 'aanbestedingsstuk')),
    title         TEXT NOT NULL,
    url           TEXT NOT NULL,
    published_at  TEXT,
    sha256        TEXT REFERENCES blob (sha256),
    downloaded_at TEXT,
    created_at    TEXT NOT NULL,
    UNIQUE (tender_id, source_kind, external_id)
) STRICT;

CREATE TABLE search_profile (
    id                  TEXT PRIMARY KEY NOT NULL,
    name                TEXT NOT NULL UNIQUE,
    cpv_prefixes        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(cpv_prefixes)),
    nuts                TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(nuts)),
    keywords            TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords)),
    buyers              TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(buyers)),
    buyers_from_regions INTEGER NOT NULL DEFAULT 0 CHECK (buyers_from_regions IN (0, 1)),
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- One sync of one source and its report.
CREATE TABLE sync_run (
    id          TEXT PRIMARY KEY NOT NULL,
    source_id   TEXT REFERENCES source (id) ON DELETE SET NULL,
    source_name TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    report      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(report))
) STRICT;
CREATE INDEX sync_run_source ON sync_run (source_id, started_at);

-- Full-text search over title, buyer and description, diacritics folded (Súdwest = Sudwest).
CREATE VIRTUAL TABLE tender_fts USING fts5 (
    title, buyer, description,
    content = 'tender', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO tender_fts (rowid, title, buyer, description) SELECT rowid, title, buyer, description FROM tender;
-- New tenders are indexed by the store itself (one statement per tender, no trigger), so a
-- bulk ingest does not make FTS5 flush its pending index at every row's statement savepoint.
CREATE TRIGGER tender_fts_delete AFTER DELETE ON tender BEGIN
    INSERT INTO tender_fts (tender_fts, rowid, title, buyer, description) VALUES ('delete', old.rowid, old.title, old.buyer, old.description);
END;
CREATE TRIGGER tender_fts_update AFTER UPDATE OF title, buyer, description ON tender BEGIN
    INSERT INTO tender_fts (tender_fts, rowid, title, buyer, description) VALUES ('delete', old.rowid, old.title, old.buyer, old.description);
    INSERT INTO tender_fts (rowid, title, buyer, description) VALUES (new.rowid, new.title, new.buyer, new.description);
END;
