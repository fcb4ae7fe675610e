-- The structured report (DICOM SR) stored into the study for each analysed series.
create table report (
    tenant              text        not null,
    series_uid          text        not null,
    study_uid           text        not null,
    sr_sop_instance_uid text        not null,
    sr_series_uid       text        not null,
    stored_at           timestamptz not null default now(),
    primary key (tenant, series_uid)
);
