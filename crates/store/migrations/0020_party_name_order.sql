-- Parties in name order a batch at a time (the provider sheet of a workbook export reads a
-- million providers 1,000 at a time after the last one written, instead of holding them all):
-- the index that makes each batch a range read instead of a sort of every party.
CREATE INDEX party_name_id ON party (name COLLATE NOCASE, id);
