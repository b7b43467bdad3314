-- The facts forms ask again and again, per provider or cooperative (issue 15): legal and trade
-- names, vestiging number, address, the signatory and quality marks. Travels between the team's
-- laptops (core::team::SYNCED_TABLES).
CREATE TABLE party_facts (
    party_id       TEXT PRIMARY KEY NOT NULL REFERENCES party (id) ON DELETE CASCADE,
    legal_name     TEXT NOT NULL DEFAULT '',
    trade_names    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(trade_names)),
    vestiging      TEXT NOT NULL DEFAULT '' CHECK (vestiging = '' OR (length(vestiging) = 12 AND vestiging NOT GLOB '*[^0-9]*')),
    street         TEXT NOT NULL DEFAULT '',
    postcode       TEXT NOT NULL DEFAULT '',
    city           TEXT NOT NULL DEFAULT '',
    signatory_name TEXT NOT NULL DEFAULT '',
    signatory_role TEXT NOT NULL DEFAULT '',
    quality_marks  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(quality_marks))
) STRICT;
