-- The other places a proposal was read (the same rule in the running text, a table and an NvI is
-- one proposal): a JSON array of {file_name, page, quote}. The proposal's own quote, file and page
-- stay its first source.
ALTER TABLE requirement_proposal ADD COLUMN also_in TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(also_in));
