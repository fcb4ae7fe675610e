-- Volume assembly claims a quiet series with a lease: state 'building' with the claimant's token and time. The
-- claimant marks it 'complete' in the same transaction that saves the volume and queues its medical.studies event;
-- a claim older than the lease (the claimant crashed) is taken over by the next round.
alter table series drop constraint series_state_check;
alter table series add constraint series_state_check check (state in ('receiving', 'building', 'complete'));
alter table series add column claim_token uuid;
alter table series add column claimed_at timestamptz;
create index series_building on series (claimed_at) where state = 'building';

-- Transactional outbox: events written in the same transaction as the state they announce; a relay publishes them
-- to Kafka in order per topic and key, marks them sent, and retries failures with back-off (at-least-once; the event id lets
-- consumers drop duplicates).
create table outbox (
    id              uuid        primary key,
    topic           text        not null,
    message_key     text        not null,
    tenant          text        not null,
    type            text        not null,
    event_time      timestamptz not null,
    payload         jsonb       not null,
    created_at      timestamptz not null default clock_timestamp(),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    sent_at         timestamptz
);
create index outbox_pending on outbox (next_attempt_at) where sent_at is null;
create index outbox_pending_key on outbox (topic, message_key, created_at) where sent_at is null;
