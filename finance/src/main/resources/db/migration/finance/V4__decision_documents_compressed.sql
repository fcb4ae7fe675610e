-- Decision documents are stored zstd-compressed against a dictionary of typical decisions (about a
-- sixth of the JSON's size): at 8,000 decisions/s the JSON text was most of what PostgreSQL wrote
-- (heap, WAL and their full-page images), and that writing, on the disk and cores the broker and
-- the scoring stream use, was the largest cause of their latency tail. Rows stored before keep
-- their text; exactly one of the two columns holds a row's document.
alter table decision add column document_zstd bytea;
alter table decision alter column document drop not null;
-- not valid: every existing row satisfies it (text, no bytes), so a large table is not scanned
alter table decision add constraint decision_one_document
    check ((document is null) <> (document_zstd is null)) not valid;
-- already compressed: TOAST compression would only spend CPU trying again
alter table decision alter column document_zstd set storage external;
