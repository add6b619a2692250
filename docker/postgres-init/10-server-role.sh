#!/bin/sh
# Runs once, when the postgres container initialises an empty data directory: creates the
# server's restricted role. The role POSTGRES_USER owns the database and runs the migrations;
# the server connects as artifacta_app, which may append events but never change them
# (docs/operations.md, "Database roles"). On a data directory created before this script existed:
#   docker compose exec postgres sh /docker-entrypoint-initdb.d/10-server-role.sh
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="${ARTIFACTA_APP_PASSWORD:-artifacta_app}" <<'SQL'
SELECT 'CREATE ROLE artifacta_app LOGIN'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'artifacta_app') \gexec
ALTER ROLE artifacta_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
GRANT artifacta_app TO CURRENT_USER;
SQL
