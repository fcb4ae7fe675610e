-- A checkpoint's state is written as parts of at most 1 MB, each committed on its own as the state
-- is compressed: one 32 MB insert made PostgreSQL flush 32 MB of WAL in one commit, and on this
-- machine's disk that stalled the broker and the scoring stream beside it (the worst latency window
-- of a benchmark run, every minute). A checkpoint is usable once `parts` is set, after its last
-- part; rows written before keep their state in `state`.
alter table feature_checkpoint alter column state drop not null;
alter table feature_checkpoint add column parts integer;
create table feature_checkpoint_part (
    checkpoint_id   bigint not null references feature_checkpoint (id) on delete cascade,
    part            integer not null,
    bytes           bytea not null,
    primary key (checkpoint_id, part)
);
-- already LZ4-compressed (see V3)
alter table feature_checkpoint_part alter column bytes set storage external;
