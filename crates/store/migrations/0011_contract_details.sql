-- What issue 15 still lacked: a contract's own documents (the signed agreement, addenda), the
-- products it covers with the buyer's product codes, obligations "within N days after a change"
-- (a fresh VOG for new staff), and several AGB codes per provider. All travel between the team's
-- laptops (core::team::SYNCED_TABLES).

-- The contract's own files, content-addressed like documents.
CREATE TABLE contract_document (
    id            TEXT PRIMARY KEY NOT NULL,
    contract_id   TEXT NOT NULL REFERENCES contract (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind = 'overeenkomst' OR kind = 'addendum' OR kind = 'overig'),
    sha256        TEXT NOT NULL REFERENCES blob (sha256),
    original_name TEXT NOT NULL CHECK (length(trim(original_name)) > 0),
    signed_on     TEXT,
    note          TEXT NOT NULL DEFAULT '',
    added_at      TEXT NOT NULL
) STRICT;
CREATE INDEX contract_document_contract ON contract_document (contract_id);

-- The lots or products a contract covers, with the buyer's product code where it uses one
-- ("45A04 Begeleiding individueel").
CREATE TABLE contract_product (
    contract_id TEXT NOT NULL REFERENCES contract (id) ON DELETE CASCADE,
    code        TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    PRIMARY KEY (contract_id, code, name)
) STRICT, WITHOUT ROWID;

-- Obligations gain a third rule: a document within a number of days after a change the
-- consultant records (new staff, a new location). SQLite cannot change a CHECK in place, so the
-- table is rebuilt with its rows.
CREATE TABLE obligation_new (
    id          TEXT PRIMARY KEY NOT NULL,
    contract_id TEXT NOT NULL REFERENCES contract (id) ON DELETE CASCADE,
    type_id     TEXT NOT NULL REFERENCES document_type (id),
    rule        TEXT NOT NULL CHECK (rule = 'yearly_before' OR rule = 'valid_throughout' OR rule = 'after_change'),
    month       INTEGER CHECK (month IS NULL OR (month >= 1 AND month <= 12)),
    day         INTEGER CHECK (day IS NULL OR (day >= 1 AND day <= 31)),
    note        TEXT NOT NULL DEFAULT '',
    within_days INTEGER CHECK (within_days IS NULL OR within_days > 0),
    changed_on  TEXT,
    CHECK ((rule = 'yearly_before') = (month IS NOT NULL AND day IS NOT NULL)),
    CHECK ((rule = 'after_change') = (within_days IS NOT NULL))
) STRICT;
INSERT INTO obligation_new (id, contract_id, type_id, rule, month, day, note)
    SELECT id, contract_id, type_id, rule, month, day, note FROM obligation;
DROP TABLE obligation;
ALTER TABLE obligation_new RENAME TO obligation;
CREATE INDEX obligation_contract ON obligation (contract_id);

-- Several AGB codes per provider (one per location or practice), kept with the provider's facts.
ALTER TABLE party_facts ADD COLUMN agb_codes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(agb_codes));
