-- Model versions and their stage history, shared by every service that serves models (schema model_registry).
-- Artifacts live in the content store under their sha256; this table holds what is needed to find and verify them.

create table model_version (
    name           text        not null,
    version        integer     not null check (version >= 1),
    stage          text        not null check (stage in ('STAGING', 'PRODUCTION', 'ARCHIVED')),
    sha256         char(64)    not null check (sha256 ~ '^[0-9a-f]{64}$'),
    framework      text        not null,
    signature      jsonb       not null,
    metrics        jsonb       not null default '{}'::jsonb,
    created_by     text        not null,
    created_at     timestamptz not null,
    parent_name    text,
    parent_version integer,
    primary key (name, version),
    foreign key (parent_name, parent_version) references model_version (name, version),
    check ((parent_name is null) = (parent_version is null))
);

-- at most one production version per model: what every runtime serves
create unique index model_version_one_production on model_version (name) where stage = 'PRODUCTION';

-- every stage change, in order; a rollback returns to the version most recently superseded by a promotion
create table stage_change (
    id         bigint generated always as identity primary key,
    name       text        not null,
    version    integer     not null,
    action     text        not null check (action in ('REGISTER', 'PROMOTE', 'SUPERSEDE', 'ROLLBACK', 'ARCHIVE')),
    from_stage text,
    to_stage   text        not null,
    changed_by text        not null,
    changed_at timestamptz not null,
    foreign key (name, version) references model_version (name, version)
);

create index stage_change_by_model on stage_change (name, id);
