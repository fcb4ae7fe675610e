-- The latest nodule analysis of each volume-ready (or refused) series, and its findings.
create table analysis (
    tenant          text             not null,
    series_uid      text             not null,
    study_uid       text             not null,
    event_id        uuid             not null,
    status          text             not null check (status in ('analysed', 'not-analysed')),
    reason          text             not null default '',
    lung_volume_ml  double precision,
    stage_seconds   jsonb            not null default '{}',
    analysed_at     timestamptz      not null default now(),
    primary key (tenant, series_uid)
);
create index analysis_study on analysis (tenant, study_uid);

create table finding (
    id              uuid             primary key,
    tenant          text             not null,
    series_uid      text             not null,
    study_uid       text             not null,
    tracking_uid    text             not null,
    x_mm            double precision not null,
    y_mm            double precision not null,
    z_mm            double precision not null,
    diameter_mm     double precision not null,
    volume_mm3      double precision not null,
    attenuation     text             not null check (attenuation in ('SOLID', 'GROUND_GLASS')),
    probability     double precision not null,
    uncertainty     double precision not null,
    foreign key (tenant, series_uid) references analysis (tenant, series_uid) on delete cascade
);
create index finding_study on finding (tenant, study_uid);
