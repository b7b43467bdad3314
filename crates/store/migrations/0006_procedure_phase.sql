-- Real portal data: the phase of a procedure apart from the consultancy's own status, the deadlines
-- of restricted procedures and of a PIN used as call for competition, values a portal sent that
-- could not be read (kept as flags, so the rest of a publication is stored), and the winners an
-- award notice names.

-- Two new milestone kinds: the CHECK is part of the table, so the table is rebuilt.
CREATE TABLE milestone_new (
    id        TEXT PRIMARY KEY NOT NULL,
    tender_id TEXT NOT NULL REFERENCES tender (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind = 'publicatie' OR kind = 'vragen_deadline' OR kind = 'nota_van_inlichtingen' OR kind = 'sluiting'
                                   OR kind = 'sluiting_aanmelding' OR kind = 'interesse'
                                   OR kind = 'voorlopige_gunning' OR kind = 'einde_standstill' OR kind = 'definitieve_gunning'
                                   OR kind = 'start_contract' OR kind = 'toetredingsmoment' OR kind = 'custom'),
    label     TEXT NOT NULL DEFAULT '',
    at_utc    TEXT NOT NULL,
    note      TEXT NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;
INSERT INTO milestone_new SELECT id, tender_id, kind, label, at_utc, note FROM milestone;
DROP TABLE milestone;
ALTER TABLE milestone_new RENAME TO milestone;
CREATE INDEX milestone_tender ON milestone (tender_id, kind, at_utc);
CREATE INDEX milestone_at ON milestone (at_utc, tender_id, kind, label);

-- A new change kind, phase_changed (the CHECK is part of the table, so it is rebuilt too).
CREATE TABLE change_event_new (
    id             TEXT PRIMARY KEY NOT NULL,
    tender_id      TEXT NOT NULL REFERENCES tender (id) ON DELETE CASCADE,
    publication_id TEXT REFERENCES publication (id) ON DELETE SET NULL,
    kind           TEXT NOT NULL CHECK (kind = 'milestone_moved' OR kind = 'milestone_added' OR kind = 'documents_added'
                                        OR kind = 'ended' OR kind = 'field_changed' OR kind = 'phase_changed'),
    field          TEXT NOT NULL,
    old_value      TEXT,
    new_value      TEXT,
    created_at     TEXT NOT NULL,
    seen_at        TEXT
) STRICT;
INSERT INTO change_event_new (rowid, id, tender_id, publication_id, kind, field, old_value, new_value, created_at, seen_at)
    SELECT rowid, id, tender_id, publication_id, kind, field, old_value, new_value, created_at, seen_at FROM change_event;
DROP TABLE change_event;
ALTER TABLE change_event_new RENAME TO change_event;
CREATE INDEX change_event_tender ON change_event (tender_id, created_at);
CREATE INDEX change_event_unseen ON change_event (tender_id) WHERE seen_at IS NULL;

-- OR-ed comparisons, not IN (...): a CHECK with an IN list builds an ephemeral index on every
-- insert (see 0003), about a sixth of a stored tender's write work.
ALTER TABLE tender ADD COLUMN phase TEXT NOT NULL DEFAULT 'onbekend'
    CHECK (phase = 'onbekend' OR phase = 'vooraankondiging' OR phase = 'open' OR phase = 'aanmelding'
           OR phase = 'voornemen_tot_gunning' OR phase = 'gegund' OR phase = 'ingetrokken');

-- The phase of tenders stored before this version, from the notices they were built from (the
-- furthest one wins: cancelled, awarded, announced, prior information).
UPDATE tender SET phase = CASE
    WHEN EXISTS (SELECT 1 FROM publication p WHERE p.tender_id = tender.id AND p.kind = 'cancellation') THEN 'ingetrokken'
    WHEN EXISTS (SELECT 1 FROM publication p WHERE p.tender_id = tender.id AND p.kind = 'award') THEN 'gegund'
    WHEN EXISTS (SELECT 1 FROM publication p WHERE p.tender_id = tender.id AND p.kind = 'announcement') THEN 'open'
    WHEN EXISTS (SELECT 1 FROM publication p WHERE p.tender_id = tender.id AND p.kind = 'prior_information') THEN 'vooraankondiging'
    ELSE 'onbekend' END;

-- A value of a publication that failed a check (an impossible or implausible date): the rest of
-- the publication is stored, the field stays empty, and this line shows on the tender.
CREATE TABLE tender_flag (
    tender_id      TEXT NOT NULL REFERENCES tender (id) ON DELETE CASCADE,
    field          TEXT NOT NULL CHECK (length(field) > 0),
    message        TEXT NOT NULL CHECK (length(message) > 0),
    publication_id TEXT,
    created_at     TEXT NOT NULL,
    PRIMARY KEY (tender_id, field, message)
) STRICT, WITHOUT ROWID;

-- Who an award notice names as winner, per lot where it says so ('' for the whole procedure).
CREATE TABLE tender_winner (
    tender_id TEXT NOT NULL REFERENCES tender (id) ON DELETE CASCADE,
    lot       TEXT NOT NULL DEFAULT '',
    name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
    PRIMARY KEY (tender_id, lot, name)
) STRICT, WITHOUT ROWID;

-- The CTM Solution (EU-Supply) feed joins TenderNed and TED as a default source in stores that
-- were seeded before it existed (a new store gets it from assets/sources.toml). Its id is fixed,
-- derived once from its address, so every laptop that migrates names it the same.
INSERT INTO source (id, name, kind, base_url, config, enabled, created_at)
SELECT 'a3f1c2e0-5b7d-5e4a-9c1f-2d6e8b0c4f17', 'CTM Solution', 'feed', 'https://eu.eu-supply.com/ctm/rss/Rss.ashx?days=30&b=CTMSOLUTION',
       '{}', 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE EXISTS (SELECT 1 FROM source)
  AND NOT EXISTS (SELECT 1 FROM source WHERE lower(name) = 'ctm solution' OR base_url LIKE '%eu-supply.com/ctm/rss%');
