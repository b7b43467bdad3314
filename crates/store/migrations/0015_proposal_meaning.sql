-- What a proposal read from the buyer's documents means beyond its document and age: when the
-- buyer asks it, for whom, and the table or heading it stood under.
ALTER TABLE requirement_proposal ADD COLUMN asked TEXT NOT NULL DEFAULT 'with_bid'
    CHECK (asked IN ('with_bid', 'on_request', 'after_award', 'during_contract'));
ALTER TABLE requirement_proposal ADD COLUMN condition TEXT NOT NULL DEFAULT '';
ALTER TABLE requirement_proposal ADD COLUMN section TEXT NOT NULL DEFAULT '';

-- The default catalogue's types this store was ever given, so a type added to the shipped
-- catalogue later reaches existing stores once, and one the consultant deleted stays deleted.
CREATE TABLE catalogue_seeded (
    code TEXT PRIMARY KEY NOT NULL
) STRICT;
INSERT INTO catalogue_seeded (code) SELECT code FROM document_type;
INSERT OR IGNORE INTO catalogue_seeded (code) VALUES
    ('kvk'), ('gva'), ('vog'), ('uea'), ('eigen-verklaring'), ('hkz'), ('iso9001'), ('kkljz'), ('avb'),
    ('bav'), ('wkkgz-klachten'), ('wkkgz-geschillen'), ('meldcode'), ('privacy'), ('jaarrekening'),
    ('betalingsgedrag'), ('skj'), ('big');
