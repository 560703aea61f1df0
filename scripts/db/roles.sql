-- The project's two PostgreSQL roles and its database (README, "Database roles"). Idempotent.
-- Run as a superuser (or a role with CREATEROLE and CREATEDB) with psql variables:
--   psql -v app=tracker_app -v owner=tracker_owner -v db=improvement_tracker \
--        [-v app_password=...] [-v owner_password=...] -f scripts/db/roles.sql
-- Used by scripts/services.sh (local development, CI) and by docker-compose.yml (the postgres
-- container's first start, through scripts/db/docker-init/10-tracker-roles.sh).
--   owner: owns the schema; migrations connect as it (MIGRATION_DATABASE_URL).
--   app:   the API, the worker and the CLI connect as it (DATABASE_URL). It gets DML on the tables
--          from the migrations (grants and default privileges): never DDL, and on audit_event only
--          SELECT and INSERT.
\set ON_ERROR_STOP on
\set QUIET on

SELECT format('DO $x$ BEGIN RAISE EXCEPTION %L; END $x$', 'the application role and the owner role must differ (both are ' || :'app' || ')')
 WHERE :'app' = :'owner' \gexec

-- Create what is missing; never change the attributes of a role that exists, but refuse to go on
-- with a role that could bypass the database's own rules.
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', r)
  FROM unnest(ARRAY[:'owner', :'app']) AS r
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \gexec

SELECT format('DO $x$ BEGIN RAISE EXCEPTION %L; END $x$',
              'role ' || rolname || ' is a superuser or can bypass row security; the application and the migrations need roles of their own')
  FROM pg_roles WHERE rolname IN (:'app', :'owner') AND (rolsuper OR rolbypassrls) \gexec

SELECT format('DO $x$ BEGIN RAISE EXCEPTION %L; END $x$',
              'role ' || :'app' || ' is a member of ' || :'owner' || ' and would hold its privileges')
 WHERE pg_has_role(:'app', :'owner', 'MEMBER') \gexec

\if :{?owner_password}
SELECT format('ALTER ROLE %I PASSWORD %L', :'owner', :'owner_password') \gexec
\endif
\if :{?app_password}
SELECT format('ALTER ROLE %I PASSWORD %L', :'app', :'app_password') \gexec
\endif

SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'owner')
  FROM pg_database WHERE datname = :'db' AND datdba <> (SELECT oid FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I, %I', :'db', :'owner', :'app') \gexec

\connect :"db"
\set ON_ERROR_STOP on
-- Before PostgreSQL 15 every role may create tables in schema public; the application must not.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO :"owner";
GRANT USAGE ON SCHEMA public TO :"app";

-- A database made before the two roles existed (its objects owned by another role): hand its
-- objects to the owner role, so migrations run as that role can alter them.
SELECT set_config('tracker.owner', :'owner', false) \gset
DO $adopt$
DECLARE
  target text := current_setting('tracker.owner');
  obj record;
BEGIN
  FOR obj IN
    SELECT format('ALTER %s %s OWNER TO %I',
                  CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                  c.oid::regclass, target) AS stmt
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
       AND pg_get_userbyid(c.relowner) <> target
       -- sequences owned by a column move with their table
       AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
    UNION ALL
    SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, target)
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> target
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    UNION ALL
    SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, target)
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r') AND pg_get_userbyid(t.typowner) <> target
  LOOP
    RAISE NOTICE '%', obj.stmt;
    EXECUTE obj.stmt;
  END LOOP;
END
$adopt$;
