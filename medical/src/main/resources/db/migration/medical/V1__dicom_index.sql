-- The DICOM index: what is stored where, per tenant. Instance bytes live in the content-addressed store.
-- Patient attributes are kept on the study: patient IDs are only unique within an issuer, studies are global.
create table study (
    tenant              text        not null,
    study_uid           text        not null,
    patient_id          text        not null default '',
    patient_name        text        not null default '',
    patient_birth_date  text        not null default '',
    patient_sex         text        not null default '',
    study_date          text        not null default '',
    study_time          text        not null default '',
    accession_number    text        not null default '',
    study_id            text        not null default '',
    study_description   text        not null default '',
    referring_physician text        not null default '',
    created_at          timestamptz not null default now(),
    primary key (tenant, study_uid)
);
create index study_patient on study (tenant, patient_id);
create index study_accession on study (tenant, accession_number);

-- state: 'receiving' until no instance has arrived for the quiet period, then 'complete' (claimed by volume assembly);
-- a late instance puts the series back to 'receiving'.
create table series (
    tenant             text        not null,
    series_uid         text        not null,
    study_uid          text        not null,
    modality           text        not null default '',
    series_number      integer,
    series_description text        not null default '',
    body_part          text        not null default '',
    instance_count     integer     not null default 0,
    last_received_at   timestamptz not null default now(),
    state              text        not null default 'receiving' check (state in ('receiving', 'complete')),
    primary key (tenant, series_uid),
    foreign key (tenant, study_uid) references study (tenant, study_uid)
);
create index series_study on series (tenant, study_uid);
create index series_receiving on series (last_received_at) where state = 'receiving';

create table instance (
    tenant              text        not null,
    sop_instance_uid    text        not null,
    series_uid          text        not null,
    study_uid           text        not null,
    sop_class_uid       text        not null,
    instance_number     integer,
    transfer_syntax_uid text        not null,
    rows                integer,
    columns             integer,
    number_of_frames    integer,
    content_address     char(64)    not null,
    size_bytes          bigint      not null,
    received_via        text        not null check (received_via in ('stow', 'dimse', 'local')),
    received_at         timestamptz not null default now(),
    primary key (tenant, sop_instance_uid),
    foreign key (tenant, series_uid) references series (tenant, series_uid)
);
create index instance_series on instance (tenant, series_uid, instance_number);
create index instance_study on instance (tenant, study_uid);
