-- The server processes sharing this database, each announcing itself every few seconds, so that a
-- node can tell how many share the views' segments and hand its surplus to the others.
CREATE TABLE server_node (
    node_id       VARCHAR(255)             NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_server_node PRIMARY KEY (node_id)
);
