-- Awards get a random public reference that donor files name them by
-- (DESIGN §9 rule 4): the sequential MSWA-YYYY-NNN has gaps that would count
-- the awards a file does not list.
ALTER TABLE awards ADD COLUMN public_ref TEXT;
UPDATE awards SET public_ref = upper(hex(randomblob(5)));
CREATE UNIQUE INDEX awards_public_ref ON awards (public_ref);
