-- Comments and replies on artifacts.

-- The command side's comment lookup table (CommentRegistryProjection, in the append's transaction):
-- a reply is checked against the comment it answers (same artifact, not itself a reply, not deleted).
CREATE TABLE comment_registry (
    comment_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    tenant_id    VARCHAR(64) NOT NULL,
    artifact_id  VARCHAR(64) NOT NULL,
    parent_id    VARCHAR(64),
    version      BIGINT,
    deleted      BOOLEAN     NOT NULL
);

-- The comment-list view (CommentListProjection). A body is at most 10,000 characters; the column
-- leaves room for characters outside the Basic Multilingual Plane counted twice by some databases.
CREATE TABLE comment_list (
    comment_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id    VARCHAR(64)  NOT NULL,
    artifact_id  VARCHAR(64)  NOT NULL,
    parent_id    VARCHAR(64),
    version      BIGINT,
    body         VARCHAR(20000),
    author_type  VARCHAR(16)  NOT NULL,
    author_id    VARCHAR(254) NOT NULL,
    author_name  VARCHAR(300) NOT NULL,
    posted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    edited_at    TIMESTAMP WITH TIME ZONE,
    deleted_at   TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_comment_list_artifact ON comment_list (tenant_id, artifact_id, posted_at, comment_id);
CREATE INDEX ix_comment_list_parent ON comment_list (parent_id);

-- The audit log keeps what each comment said (comment.posted, comment.edited): up to 10,000
-- characters of text, JSON-escaped, in the details.
ALTER TABLE audit_log ALTER COLUMN details SET DATA TYPE VARCHAR(32000);
