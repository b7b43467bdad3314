-- Indexes that no query reads, dropped: every sync paid for them on each new tender (one B-tree
-- insert each, about a tenth of a stored publication's write work, measured on the ingest
-- benchmark).
--
-- tender_status: only the tender list's status filter could use it, and that list reads and sorts
-- every matching tender by closing date anyway (a scan of 20,000 tenders takes a few ms; the
-- domain filter works the same way). The agenda uses the partial index tender_followed.
-- tender_key_tender: tender keys are only looked up by (kind, value); the index only sped up the
-- cascade when a tender is deleted, which the app does not do.
DROP INDEX tender_status;
DROP INDEX tender_key_tender;
