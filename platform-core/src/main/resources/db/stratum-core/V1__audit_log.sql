-- The audit chain. Rows are only ever inserted; the triggers below refuse UPDATE, DELETE and TRUNCATE, and
-- JdbcAuditLog#verify detects rows changed by anyone able to get past them.
CREATE TABLE stratum_audit_log (
    sequence      bigint      PRIMARY KEY CHECK (sequence > 0),
    tenant        text        NOT NULL,
    actor         text        NOT NULL,
    action        text        NOT NULL,
    target        text        NOT NULL,
    -- json (not jsonb) keeps the exact canonical text that was hashed
    details       json        NOT NULL,
    recorded_at   timestamptz NOT NULL,
    previous_hash text        NOT NULL UNIQUE CHECK (previous_hash ~ '^[0-9a-f]{64}$'),
    hash          text        NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
);

CREATE INDEX stratum_audit_log_by_tenant ON stratum_audit_log (tenant, sequence);

CREATE FUNCTION stratum_audit_log_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'stratum_audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER stratum_audit_log_append_only
    BEFORE UPDATE OR DELETE ON stratum_audit_log
    FOR EACH ROW EXECUTE FUNCTION stratum_audit_log_refuse_change();

CREATE TRIGGER stratum_audit_log_no_truncate
    BEFORE TRUNCATE ON stratum_audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION stratum_audit_log_refuse_change();
