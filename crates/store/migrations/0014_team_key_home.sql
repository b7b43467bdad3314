-- Where this laptop keeps the team key: in the store (as before) or in the operating system's
-- keychain, in which case team_key holds no key (64 dashes, which no key parses as).
ALTER TABLE team_self ADD COLUMN key_home TEXT NOT NULL DEFAULT 'store' CHECK (key_home IN ('store', 'keychain'));
