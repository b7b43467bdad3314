-- Contracts after the award and the obligations that run during their term (issue 15). All
-- four tables travel between the team's laptops (core::team::SYNCED_TABLES).

CREATE TABLE contract (
    id                     TEXT PRIMARY KEY NOT NULL,
    title                  TEXT NOT NULL CHECK (length(trim(title)) > 0),
    party_id               TEXT NOT NULL REFERENCES party (id),
    buyer                  TEXT NOT NULL CHECK (length(trim(buyer)) > 0),
    domain                 TEXT NOT NULL CHECK (domain = 'jeugdwet' OR domain = 'wmo'),
    start_date             TEXT NOT NULL,
    end_date               TEXT NOT NULL,
    extensions_total       INTEGER NOT NULL DEFAULT 0 CHECK (extensions_total >= 0),
    extensions_used        INTEGER NOT NULL DEFAULT 0 CHECK (extensions_used >= 0 AND extensions_used <= extensions_total),
    extension_amount       INTEGER CHECK (extension_amount IS NULL OR extension_amount > 0),
    extension_unit         TEXT CHECK (extension_unit IS NULL OR extension_unit = 'days' OR extension_unit = 'months'),
    notice_amount          INTEGER CHECK (notice_amount IS NULL OR notice_amount > 0),
    notice_unit            TEXT CHECK (notice_unit IS NULL OR notice_unit = 'days' OR notice_unit = 'months'),
    tender_id              TEXT REFERENCES tender (id) ON DELETE SET NULL,
    state                  TEXT NOT NULL DEFAULT 'lopend' CHECK (state = 'lopend' OR state = 'beeindigd'),
    created_at             TEXT NOT NULL,
    CHECK (end_date >= start_date),
    CHECK ((extension_amount IS NULL) = (extension_unit IS NULL)),
    CHECK ((notice_amount IS NULL) = (notice_unit IS NULL))
) STRICT;
CREATE INDEX contract_end ON contract (end_date);
CREATE INDEX contract_party ON contract (party_id);

-- The members of a contracting cooperative who deliver under the contract.
CREATE TABLE contract_member (
    contract_id TEXT NOT NULL REFERENCES contract (id) ON DELETE CASCADE,
    party_id    TEXT NOT NULL REFERENCES party (id),
    PRIMARY KEY (contract_id, party_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE contract_municipality (
    contract_id  TEXT NOT NULL REFERENCES contract (id) ON DELETE CASCADE,
    municipality TEXT NOT NULL CHECK (length(trim(municipality)) > 0),
    PRIMARY KEY (contract_id, municipality)
) STRICT, WITHOUT ROWID;

-- What the contract keeps asking: a catalogue document, yearly before a day or valid throughout.
CREATE TABLE obligation (
    id          TEXT PRIMARY KEY NOT NULL,
    contract_id TEXT NOT NULL REFERENCES contract (id) ON DELETE CASCADE,
    type_id     TEXT NOT NULL REFERENCES document_type (id),
    rule        TEXT NOT NULL CHECK (rule = 'yearly_before' OR rule = 'valid_throughout'),
    month       INTEGER CHECK (month IS NULL OR (month >= 1 AND month <= 12)),
    day         INTEGER CHECK (day IS NULL OR (day >= 1 AND day <= 31)),
    note        TEXT NOT NULL DEFAULT '',
    CHECK ((rule = 'yearly_before') = (month IS NOT NULL AND day IS NOT NULL))
) STRICT;
CREATE INDEX obligation_contract ON obligation (contract_id);
