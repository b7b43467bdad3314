-- One procedure stays one tender across laptops: when two laptops took the same procedure from
-- different portals (TenderNed on one, TED on another) the team merges the two tenders into
-- one; the merge is kept here (synced, so every laptop lists it with the conflicts).
CREATE TABLE tender_merge (
    id           TEXT PRIMARY KEY NOT NULL,
    into_id      TEXT NOT NULL REFERENCES tender (id) ON DELETE CASCADE,
    merged_id    TEXT NOT NULL,
    merged_title TEXT NOT NULL,
    details      TEXT NOT NULL,
    merged_by    TEXT NOT NULL,
    merged_at    TEXT NOT NULL
) STRICT;
