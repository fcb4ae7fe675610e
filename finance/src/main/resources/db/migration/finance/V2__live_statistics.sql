-- Live statistics (GET /api/finance/live): aggregates the decision projection maintains as it inserts, so the
-- window queries read a few hundred rows instead of every decision of the last hour.

-- when the transaction was produced to finance.transactions (its record timestamp); null for decisions made over
-- HTTP and for decisions projected before this column existed
alter table decision add column produced_at timestamptz;

-- decisions per tenant and 5-second bucket of decided_at, counted once per newly projected decision
create table decision_activity (
    tenant_id     text        not null,
    bucket_start  timestamptz not null,
    decisions     bigint      not null,
    reviews       bigint      not null,
    declines      bigint      not null,
    primary key (tenant_id, bucket_start)
);

-- produce-to-decision latency histogram per tenant and 5-second bucket: bin b holds latencies L (ms) with
-- floor(ln(1 + L) / ln(1.02)) = b, i.e. about 2% wide; percentiles are read from the merged bins
create table decision_latency (
    tenant_id     text        not null,
    bucket_start  timestamptz not null,
    bin           integer     not null,
    decisions     bigint      not null,
    primary key (tenant_id, bucket_start, bin)
);

-- records refused to finance.transactions.dlq, identified by their place in that topic; tenant from the record's
-- stratum-tenant header, null when it had none (shown to no tenant)
create table dead_letter (
    dlq_partition      integer     not null,
    dlq_offset         bigint      not null,
    tenant_id          text,
    reason             text        not null,
    source_topic       text        not null,
    source_partition   integer     not null,
    source_offset      bigint      not null,
    dead_lettered_at   timestamptz not null,
    primary key (dlq_partition, dlq_offset)
);
create index dead_letter_by_tenant on dead_letter (tenant_id, dead_lettered_at desc);
