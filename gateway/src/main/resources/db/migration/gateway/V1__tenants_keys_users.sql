-- Hospitals and banks. 'platform' is the tenant of the people who operate Stratum itself.
CREATE TABLE tenant (
    id         text        PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name       text        NOT NULL,
    created_at timestamptz NOT NULL
);

INSERT INTO tenant (id, name, created_at) VALUES ('platform', 'Platform operators', now());

-- Machine credentials. Only the SHA-256 of the secret is stored: the secret is 256 random bits, so a
-- slow KDF would add latency to every call without adding safety.
CREATE TABLE api_key (
    id          text        PRIMARY KEY,
    tenant      text        NOT NULL REFERENCES tenant (id),
    name        text        NOT NULL,
    secret_hash bytea       NOT NULL CHECK (length(secret_hash) = 32),
    roles       text[]      NOT NULL CHECK (cardinality(roles) > 0),
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

CREATE INDEX api_key_by_tenant ON api_key (tenant, created_at);

-- Console users; password_hash is a Spring Security DelegatingPasswordEncoder value ({argon2@...}...).
CREATE TABLE console_user (
    username      text        PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
    tenant        text        NOT NULL REFERENCES tenant (id),
    password_hash text        NOT NULL,
    roles         text[]      NOT NULL CHECK (cardinality(roles) > 0),
    enabled       boolean     NOT NULL,
    created_at    timestamptz NOT NULL
);
