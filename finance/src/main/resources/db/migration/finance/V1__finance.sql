-- Thresholds in force per tenant; every change is also in the audit log.
create table threshold_policy (
    tenant_id        text primary key,
    review_threshold double precision not null,
    decline_threshold double precision not null,
    alert_budget     double precision not null,
    updated_at       timestamptz not null
);

-- Decisions as committed to finance.decisions (a read_committed projection), for lookups and cases.
create table decision (
    transaction_id  text not null,
    tenant_id       text not null,
    score           double precision not null,
    outcome         text not null check (outcome in ('APPROVE', 'REVIEW', 'DECLINE')),
    threshold       double precision not null,
    model_version   text not null,
    document        text not null,        -- the decision JSON exactly as published
    decided_at      timestamptz not null,
    primary key (tenant_id, transaction_id)
);
create index decision_alerts on decision (tenant_id, decided_at desc) where outcome <> 'APPROVE';

-- Ground truth from finance.labels; joined with alerts to show analysts which cases are resolved.
create table label (
    transaction_id  text not null,
    tenant_id       text not null,
    fraud           boolean not null,
    source          text not null,
    pattern         text,
    labelled_at     timestamptz not null,
    primary key (tenant_id, transaction_id)
);

-- Snapshots of the feature state with the input offsets they reflect; the newest usable one is
-- restored at start-up and the gap to the committed offsets is replayed from Kafka.
create table feature_checkpoint (
    id              bigserial primary key,
    consumer_group  text not null,
    offsets         jsonb not null,
    state           bytea not null,
    state_bytes     bigint not null,
    taken_at        timestamptz not null
);
create index feature_checkpoint_group on feature_checkpoint (consumer_group, id desc);
