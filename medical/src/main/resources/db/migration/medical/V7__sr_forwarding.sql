-- Each stored SR queued for each forwarding target of its tenant, in the transaction that records the report. The
-- forwarder sends it (C-STORE or STOW-RS), retries failures with back-off, and gives up after the configured
-- attempts; the SR itself stays in the study whatever happens here.
create table sr_forward (
    tenant           text        not null,
    sop_instance_uid text        not null,
    target           text        not null,
    status           text        not null default 'pending' check (status in ('pending', 'sent', 'failed')),
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null default now(),
    last_error       text,
    created_at       timestamptz not null default now(),
    sent_at          timestamptz,
    primary key (tenant, sop_instance_uid, target)
);
create index sr_forward_due on sr_forward (next_attempt_at) where status = 'pending';
