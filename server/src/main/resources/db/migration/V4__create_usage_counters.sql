-- Usage kept without an event per request: counters flushed from memory every few seconds.
-- Not derived from events, so not part of any rebuild.

CREATE TABLE tenant_request_usage (
    tenant_id  VARCHAR(64) NOT NULL,
    period     CHAR(7)     NOT NULL, -- calendar month in UTC, e.g. 2026-11
    requests   BIGINT      NOT NULL,
    CONSTRAINT pk_tenant_request_usage PRIMARY KEY (tenant_id, period)
);

CREATE TABLE api_key_last_used (
    key_id        VARCHAR(64) NOT NULL PRIMARY KEY,
    tenant_id     VARCHAR(64) NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
