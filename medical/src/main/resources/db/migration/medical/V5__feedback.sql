-- Clinicians' verdicts on findings; the latest per finding counts, earlier ones stay as history.
create table finding_feedback (
    id          bigserial   primary key,
    tenant      text        not null,
    finding_id  uuid        not null references finding (id) on delete cascade,
    verdict     text        not null check (verdict in ('CONFIRMED', 'REJECTED')),
    clinician   text        not null,
    comment     text        not null default '',
    recorded_at timestamptz not null default now()
);
create index finding_feedback_finding on finding_feedback (tenant, finding_id, id);
