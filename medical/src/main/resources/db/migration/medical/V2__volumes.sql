-- The latest volume built for each complete series (rebuilt when late instances complete it again).
create table volume (
    tenant          text             not null,
    series_uid      text             not null,
    study_uid       text             not null,
    status          text             not null check (status in ('ready', 'refused')),
    reason          text             not null default '',
    instance_count  integer          not null,
    content_address char(64),
    columns         integer,
    rows            integer,
    slices          integer,
    spacing         double precision[],
    origin          double precision[],
    direction       double precision[],
    built_at        timestamptz      not null default now(),
    primary key (tenant, series_uid)
);
