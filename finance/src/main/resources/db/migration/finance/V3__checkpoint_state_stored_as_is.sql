-- Checkpoint states arrive LZ4-compressed: PostgreSQL's own TOAST compression would only spend CPU
-- (tens of MB once a minute, on the cores the scoring stream uses) trying to shrink them further.
alter table feature_checkpoint alter column state set storage external;
