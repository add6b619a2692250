-- Projects, artifacts, content and share links (issue #3).

-- Content, once per tenant and SHA-256; written in the command's transaction, never deleted.
CREATE TABLE content_blob (
    tenant_id   VARCHAR(64) NOT NULL,
    sha256      CHAR(64)    NOT NULL,
    size        BIGINT      NOT NULL,
    data        BYTEA       NOT NULL,
    CONSTRAINT pk_content_blob PRIMARY KEY (tenant_id, sha256)
);

-- Command-side lookups, written in the append's transaction.
CREATE TABLE project_registry (
    project_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id   VARCHAR(64)  NOT NULL,
    slug        VARCHAR(63)  NOT NULL,
    name        VARCHAR(100) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_project_registry_slug UNIQUE (tenant_id, slug)
);

CREATE TABLE share_link_registry (
    link_id       VARCHAR(64) NOT NULL PRIMARY KEY,
    tenant_id     VARCHAR(64) NOT NULL,
    artifact_id   VARCHAR(64) NOT NULL,
    role          VARCHAR(16) NOT NULL,
    token_sha256  CHAR(64)    NOT NULL,
    prefix        VARCHAR(16) NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_share_link_registry_token UNIQUE (token_sha256)
);

-- Query-side views, rebuildable from the events.
CREATE TABLE project_list (
    project_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id   VARCHAR(64)  NOT NULL,
    slug        VARCHAR(63)  NOT NULL,
    name        VARCHAR(100) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_project_list_tenant ON project_list (tenant_id, slug);

CREATE TABLE artifact_heads (
    artifact_id         VARCHAR(64)   NOT NULL PRIMARY KEY,
    tenant_id           VARCHAR(64)   NOT NULL,
    project_id          VARCHAR(64)   NOT NULL,
    title               VARCHAR(200)  NOT NULL,
    head_version        BIGINT        NOT NULL,
    head_sha256         CHAR(64)      NOT NULL,
    head_size           BIGINT        NOT NULL,
    head_content_type   VARCHAR(300)  NOT NULL,
    head_file_name      VARCHAR(255),
    public_view         BOOLEAN       NOT NULL,
    public_edit         BOOLEAN       NOT NULL,
    viewer_emails       VARCHAR(26000) NOT NULL,
    created_by_name     VARCHAR(300)  NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at          TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_artifact_heads_project ON artifact_heads (tenant_id, project_id, artifact_id);

CREATE TABLE artifact_versions (
    id               VARCHAR(100) NOT NULL PRIMARY KEY,
    artifact_id      VARCHAR(64)  NOT NULL,
    tenant_id        VARCHAR(64)  NOT NULL,
    version          BIGINT       NOT NULL,
    sha256           CHAR(64)     NOT NULL,
    size             BIGINT       NOT NULL,
    content_type     VARCHAR(300) NOT NULL,
    file_name        VARCHAR(255),
    restored_from    BIGINT,
    created_by_name  VARCHAR(300) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_artifact_versions_number UNIQUE (artifact_id, version)
);

CREATE TABLE share_link_list (
    link_id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id        VARCHAR(64)  NOT NULL,
    artifact_id      VARCHAR(64)  NOT NULL,
    role             VARCHAR(16)  NOT NULL,
    prefix           VARCHAR(16)  NOT NULL,
    created_by_name  VARCHAR(300) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE,
    revoked_at       TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_share_link_list_artifact ON share_link_list (tenant_id, artifact_id);
