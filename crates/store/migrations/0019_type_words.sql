-- The consultant's own recognition words of a document type (issue 28): phrases, one per line,
-- that a provider's arriving document calls itself by ("Keurmerk Zorg & Welzijn" for the HKZ
-- type), read beside the names Tenderwacht knows itself. Synced: the team reads alike.
ALTER TABLE document_type ADD COLUMN words TEXT NOT NULL DEFAULT '';
