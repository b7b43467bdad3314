-- From the buyer's documents to a complete pack (issue 14): files handed in for a bid's
-- deliverables, the buyer's template of a deliverable, requirements proposed from the tender's
-- documents, and the buyer's upload rules. All but `working_copy` travel between the team's
-- laptops (core::team::SYNCED_TABLES).

-- A file handed in for one deliverable of one bid, for one providing party (a cooperative's
-- member where members provide it): versions in order, at most one marked final per cell by the
-- store. The file is content-addressed like a document's.
CREATE TABLE deliverable_file (
    id             TEXT PRIMARY KEY NOT NULL,
    bid_id         TEXT NOT NULL REFERENCES bid (id) ON DELETE CASCADE,
    requirement_id TEXT NOT NULL REFERENCES requirement (id) ON DELETE CASCADE,
    party_id       TEXT NOT NULL REFERENCES party (id) ON DELETE CASCADE,
    version        INTEGER NOT NULL CHECK (version > 0),
    sha256         TEXT NOT NULL REFERENCES blob (sha256),
    original_name  TEXT NOT NULL CHECK (length(trim(original_name)) > 0),
    is_final       INTEGER NOT NULL DEFAULT 0 CHECK (is_final = 0 OR is_final = 1),
    origin         TEXT NOT NULL CHECK (origin = 'upload' OR origin = 'working_copy'),
    added_at       TEXT NOT NULL
) STRICT;
CREATE INDEX deliverable_file_cell ON deliverable_file (bid_id, requirement_id, party_id, version);

-- The buyer's own form (a portal document) a deliverable is filled in from.
ALTER TABLE requirement ADD COLUMN template_document_id TEXT REFERENCES tender_document (id) ON DELETE SET NULL;

-- A bid's working copy of the buyer's template on this laptop: where it lies and the content last
-- stored as a version, so a save in the system's program becomes the next version. Local: the path
-- is this laptop's.
CREATE TABLE working_copy (
    bid_id         TEXT NOT NULL REFERENCES bid (id) ON DELETE CASCADE,
    requirement_id TEXT NOT NULL REFERENCES requirement (id) ON DELETE CASCADE,
    party_id       TEXT NOT NULL REFERENCES party (id) ON DELETE CASCADE,
    path           TEXT NOT NULL,
    seen_sha256    TEXT NOT NULL CHECK (length(seen_sha256) = 64),
    created_at     TEXT NOT NULL,
    PRIMARY KEY (bid_id, requirement_id, party_id)
) STRICT;

-- A requirement (or a change of one, or of a date) read from a tender's documents, waiting for the
-- consultant's answer: nothing becomes a requirement without it.
CREATE TABLE requirement_proposal (
    id             TEXT PRIMARY KEY NOT NULL,
    tender_id      TEXT NOT NULL REFERENCES tender (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind = 'document' OR kind = 'deliverable' OR kind = 'change' OR kind = 'date'),
    type_id        TEXT REFERENCES document_type (id),
    name           TEXT NOT NULL DEFAULT '',
    max_age_amount INTEGER CHECK (max_age_amount IS NULL OR max_age_amount > 0),
    max_age_unit   TEXT CHECK (max_age_unit IS NULL OR max_age_unit = 'days' OR max_age_unit = 'months'),
    note           TEXT NOT NULL DEFAULT '',
    milestone_kind TEXT,
    at_utc         TEXT,
    requirement_id TEXT REFERENCES requirement (id) ON DELETE SET NULL,
    quote          TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    page           INTEGER CHECK (page IS NULL OR page > 0),
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'accepted' OR status = 'rejected'),
    created_at     TEXT NOT NULL,
    CHECK ((max_age_amount IS NULL) = (max_age_unit IS NULL)),
    CHECK (kind <> 'date' OR (milestone_kind IS NOT NULL AND at_utc IS NOT NULL))
) STRICT;
CREATE INDEX requirement_proposal_tender ON requirement_proposal (tender_id, status);

-- How the buyer's portal takes the pack: allowed file types, sizes, the naming of files, zip or
-- loose files.
CREATE TABLE tender_upload_rules (
    tender_id        TEXT PRIMARY KEY NOT NULL REFERENCES tender (id) ON DELETE CASCADE,
    extensions       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(extensions)),
    max_file_bytes   INTEGER CHECK (max_file_bytes IS NULL OR max_file_bytes > 0),
    max_upload_bytes INTEGER CHECK (max_upload_bytes IS NULL OR max_upload_bytes > 0),
    name_template    TEXT NOT NULL DEFAULT '',
    packaging        TEXT NOT NULL DEFAULT 'zip' CHECK (packaging = 'zip' OR packaging = 'loose')
) STRICT;
