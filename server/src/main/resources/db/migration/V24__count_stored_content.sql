-- What each tenant stores: the sum of its content_blob sizes, kept in the command's transaction
-- with every new content, so the storage quota is checked by one row instead of a sum over every
-- content the tenant has ever stored. Command-side state like content_blob, not a view.
CREATE TABLE content_usage (
    tenant_id  VARCHAR(64) NOT NULL,
    bytes      BIGINT      NOT NULL,
    CONSTRAINT pk_content_usage PRIMARY KEY (tenant_id)
);

INSERT INTO content_usage (tenant_id, bytes)
SELECT tenant_id, SUM(size) FROM content_blob GROUP BY tenant_id;
