-- What the server answered to a POST sent with an Idempotency-Key, kept 24 hours so that a retry
-- gets the same answer instead of a second effect. Working state, not derived from events (like
-- the usage counters): not part of any rebuild. Neither the key nor a secret is stored as sent:
-- the key only as part of a SHA-256, and a response that carries a secret (a new API key, a share
-- link's token) only encrypted under a key derived from the Idempotency-Key, which the server does
-- not keep.
CREATE TABLE idempotency_record (
    scope         VARCHAR(200) NOT NULL, -- the tenant, or 'anonymous'
    key_hash      CHAR(64)     NOT NULL, -- SHA-256 of scope and Idempotency-Key
    fingerprint   CHAR(64)     NOT NULL, -- SHA-256 of caller, method, path, query and body
    state         VARCHAR(16)  NOT NULL, -- in_progress, completed
    status        INTEGER,
    headers       VARCHAR(4000),         -- JSON of the replayed headers
    body          BYTEA,
    encrypted     BOOLEAN      NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_idempotency_record PRIMARY KEY (scope, key_hash)
);

CREATE INDEX idx_idempotency_record_expiry ON idempotency_record (expires_at);
