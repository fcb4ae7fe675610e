-- Signing keys of the gateway's own token issuer, shared by every gateway instance. The newest key that is not
-- retired signs; a retired key still verifies until its last token has expired. private_key is PKCS#8, sealed with
-- AES-GCM when stratum.gateway.security.jwt.key-encryption-secret is set (key_sealed), plain otherwise.
CREATE TABLE signing_key (
    kid         text        PRIMARY KEY,
    algorithm   text        NOT NULL CHECK (algorithm = 'RS256'),
    public_key  bytea       NOT NULL,
    private_key bytea       NOT NULL,
    key_sealed  boolean     NOT NULL,
    created_at  timestamptz NOT NULL,
    retired_at  timestamptz
);

CREATE INDEX signing_key_by_age ON signing_key (created_at DESC);

-- Token buckets per tenant and route, shared by every gateway instance. One atomic upsert per call refills and
-- takes; granted says whether that call got its token. Time is the database's, so instances need no common clock.
CREATE TABLE rate_limit_bucket (
    tenant     text             NOT NULL,
    route      text             NOT NULL,
    tokens     double precision NOT NULL,
    granted    boolean          NOT NULL,
    updated_at timestamptz      NOT NULL,
    PRIMARY KEY (tenant, route)
);
