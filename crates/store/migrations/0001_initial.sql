-- Tenderwacht schema, version 1.
-- Append-only: never edit this file once released; add a new numbered migration instead.
-- Keys are UUIDv7 text so stores from several laptops can later be merged without clashes.
-- Dates are local calendar dates (YYYY-MM-DD, Europe/Amsterdam); moments are UTC RFC 3339 text.

CREATE TABLE party (
    id          TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('provider', 'cooperative')),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kvk         TEXT NOT NULL UNIQUE CHECK (length(kvk) = 8 AND kvk NOT GLOB '*[^0-9]*'),
    agb         TEXT,
    place       TEXT NOT NULL DEFAULT '',
    contact     TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX party_kind_name ON party (kind, name COLLATE NOCASE);

CREATE TABLE party_municipality (
    party_id     TEXT NOT NULL REFERENCES party (id) ON DELETE CASCADE,
    municipality TEXT NOT NULL,
    PRIMARY KEY (party_id, municipality)
) STRICT;

CREATE TABLE party_domain (
    party_id TEXT NOT NULL REFERENCES party (id) ON DELETE CASCADE,
    domain   TEXT NOT NULL CHECK (domain IN ('jeugdwet', 'wmo')),
    PRIMARY KEY (party_id, domain)
) STRICT;

CREATE TABLE cooperative_member (
    cooperative_id TEXT NOT NULL REFERENCES party (id) ON DELETE CASCADE,
    provider_id    TEXT NOT NULL REFERENCES party (id) ON DELETE CASCADE,
    joined_at      TEXT NOT NULL,
    PRIMARY KEY (cooperative_id, provider_id)
) STRICT;
CREATE INDEX cooperative_member_provider ON cooperative_member (provider_id);

CREATE TABLE document_type (
    id             TEXT PRIMARY KEY NOT NULL,
    code           TEXT NOT NULL UNIQUE CHECK (length(code) > 0),
    name           TEXT NOT NULL,
    rule           TEXT NOT NULL CHECK (rule IN ('until_printed', 'max_age', 'valid_for', 'none')),
    rule_amount    INTEGER CHECK (rule_amount IS NULL OR rule_amount > 0),
    rule_unit      TEXT CHECK (rule_unit IS NULL OR rule_unit IN ('days', 'months')),
    lead_time_days INTEGER NOT NULL DEFAULT 0 CHECK (lead_time_days >= 0),
    issuer         TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK ((rule IN ('max_age', 'valid_for')) = (rule_amount IS NOT NULL AND rule_unit IS NOT NULL))
) STRICT;

-- One row per distinct file content; the file lives at files/<aa>/<sha256>.
CREATE TABLE blob (
    sha256     TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
    size       INTEGER NOT NULL CHECK (size >= 0),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE document (
    id            TEXT PRIMARY KEY NOT NULL,
    party_id      TEXT NOT NULL REFERENCES party (id) ON DELETE CASCADE,
    type_id       TEXT NOT NULL REFERENCES document_type (id),
    sha256        TEXT NOT NULL REFERENCES blob (sha256),
    original_name TEXT NOT NULL,
    issue_date    TEXT NOT NULL,
    expiry_date   TEXT,
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    -- 1 for the newest document (issue date, then registration) of its party and type; kept
    -- in step by the store in the same transaction as every insert, so checklists read the
    -- current documents from one small index instead of ranking the history each time.
    is_current    INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
    CHECK (expiry_date IS NULL OR expiry_date >= issue_date)
) STRICT;
CREATE INDEX document_party_type ON document (party_id, type_id, issue_date DESC, created_at DESC);
CREATE INDEX document_current ON document (party_id, type_id, id, original_name, issue_date, expiry_date, is_current)
    WHERE is_current = 1;
CREATE INDEX document_expiry ON document (expiry_date) WHERE expiry_date IS NOT NULL;

CREATE TABLE tender (
    id          TEXT PRIMARY KEY NOT NULL,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    buyer       TEXT NOT NULL DEFAULT '',
    region      TEXT NOT NULL DEFAULT '',
    procedure   TEXT NOT NULL CHECK (procedure IN ('openbaar', 'niet_openbaar', 'meervoudig_onderhands',
                                                   'lichte_regeling', 'open_house', 'onbekend')),
    domain      TEXT NOT NULL CHECK (domain IN ('jeugdwet', 'wmo', 'beide', 'overig')),
    description TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'nieuw' CHECK (status IN ('nieuw', 'volgen', 'inschrijven', 'ingediend',
                                                                 'gegund', 'afgewezen', 'vervallen')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX tender_status ON tender (status, id);
-- The tenders the agenda shows; a small index to test "followed" without reading tender rows.
CREATE INDEX tender_followed ON tender (id) WHERE status IN ('volgen', 'inschrijven', 'ingediend');
CREATE INDEX tender_region ON tender (region);

CREATE TABLE tender_municipality (
    tender_id    TEXT NOT NULL REFERENCES tender (id) ON DELETE CASCADE,
    municipality TEXT NOT NULL,
    PRIMARY KEY (tender_id, municipality)
) STRICT;

CREATE TABLE tender_nuts (
    tender_id TEXT NOT NULL REFERENCES tender (id) ON DELETE CASCADE,
    code      TEXT NOT NULL CHECK (code GLOB 'NL*'),
    PRIMARY KEY (tender_id, code)
) STRICT;

CREATE TABLE tender_cpv (
    tender_id TEXT NOT NULL REFERENCES tender (id) ON DELETE CASCADE,
    code      TEXT NOT NULL CHECK (code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*'),
    PRIMARY KEY (tender_id, code)
) STRICT;

CREATE TABLE tender_link (
    tender_id TEXT NOT NULL REFERENCES tender (id) ON DELETE CASCADE,
    url       TEXT NOT NULL CHECK (url GLOB 'http*://*'),
    label     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tender_id, url)
) STRICT;

CREATE TABLE lot (
    id        TEXT PRIMARY KEY NOT NULL,
    tender_id TEXT NOT NULL REFERENCES tender (id) ON DELETE CASCADE,
    number    INTEGER NOT NULL CHECK (number > 0),
    title     TEXT NOT NULL,
    UNIQUE (tender_id, number)
) STRICT;

CREATE TABLE milestone (
    id        TEXT PRIMARY KEY NOT NULL,
    tender_id TEXT NOT NULL REFERENCES tender (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('publicatie', 'vragen_deadline', 'nota_van_inlichtingen', 'sluiting',
                                            'voorlopige_gunning', 'einde_standstill', 'definitieve_gunning',
                                            'start_contract', 'toetredingsmoment', 'custom')),
    label     TEXT NOT NULL DEFAULT '',
    at_utc    TEXT NOT NULL,
    note      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX milestone_tender ON milestone (tender_id, kind, at_utc);
-- Covering index for the agenda's date-range scan (no table lookups per milestone).
CREATE INDEX milestone_at ON milestone (at_utc, tender_id, kind, label);

CREATE TABLE requirement (
    id          TEXT PRIMARY KEY NOT NULL,
    tender_id   TEXT NOT NULL REFERENCES tender (id) ON DELETE CASCADE,
    lot_id      TEXT REFERENCES lot (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('document', 'deliverable')),
    type_id     TEXT REFERENCES document_type (id),
    name        TEXT NOT NULL DEFAULT '',
    max_age_amount INTEGER CHECK (max_age_amount IS NULL OR max_age_amount > 0),
    max_age_unit   TEXT CHECK (max_age_unit IS NULL OR max_age_unit IN ('days', 'months')),
    note        TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    CHECK ((kind = 'document') = (type_id IS NOT NULL)),
    CHECK (kind = 'document' OR length(trim(name)) > 0),
    CHECK ((max_age_amount IS NULL) = (max_age_unit IS NULL))
) STRICT;
CREATE INDEX requirement_tender ON requirement (tender_id, position);

CREATE TABLE requirement_template (
    id   TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE requirement_template_item (
    id          TEXT PRIMARY KEY NOT NULL,
    template_id TEXT NOT NULL REFERENCES requirement_template (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('document', 'deliverable')),
    type_id     TEXT REFERENCES document_type (id),
    name        TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    CHECK ((kind = 'document') = (type_id IS NOT NULL))
) STRICT;

CREATE TABLE bid (
    id         TEXT PRIMARY KEY NOT NULL,
    tender_id  TEXT NOT NULL REFERENCES tender (id) ON DELETE CASCADE,
    lot_id     TEXT REFERENCES lot (id) ON DELETE CASCADE,
    party_id   TEXT NOT NULL REFERENCES party (id) ON DELETE CASCADE,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX bid_unique ON bid (tender_id, coalesce(lot_id, ''), party_id);
CREATE INDEX bid_party ON bid (party_id);

-- For a cooperative's bid: who provides a requirement (the cooperative itself, or every member).
CREATE TABLE bid_requirement (
    bid_id         TEXT NOT NULL REFERENCES bid (id) ON DELETE CASCADE,
    requirement_id TEXT NOT NULL REFERENCES requirement (id) ON DELETE CASCADE,
    provided_by    TEXT NOT NULL CHECK (provided_by IN ('bidder', 'members')),
    PRIMARY KEY (bid_id, requirement_id)
) STRICT;

-- What the consultant recorded for one requirement of one bid, for one providing party.
CREATE TABLE bid_item (
    id             TEXT PRIMARY KEY NOT NULL,
    bid_id         TEXT NOT NULL REFERENCES bid (id) ON DELETE CASCADE,
    requirement_id TEXT NOT NULL REFERENCES requirement (id) ON DELETE CASCADE,
    party_id       TEXT NOT NULL REFERENCES party (id) ON DELETE CASCADE,
    document_id    TEXT REFERENCES document (id) ON DELETE SET NULL,
    state          TEXT CHECK (state IS NULL OR state IN ('open', 'bezig', 'aangeleverd')),
    not_applicable INTEGER NOT NULL DEFAULT 0 CHECK (not_applicable IN (0, 1)),
    owner          TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    updated_at     TEXT NOT NULL,
    UNIQUE (bid_id, requirement_id, party_id)
) STRICT;
