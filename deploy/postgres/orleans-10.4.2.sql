-- ComparisonGrid's PostgreSQL schema for Microsoft Orleans 10.4.2 (Clustering.AdoNet and Persistence.AdoNet,
-- invariant "Npgsql"). Written for the parameters the 10.4.2 providers bind, and tested against them
-- (tests/ComparisonGrid.Grains.Tests/PostgresSchemaTests.cs); query texts written for other Orleans versions bind
-- other parameters and fail in silence, so every silo checks this schema at start (PostgresSchema.CheckAsync).
-- Idempotent: apply it again after an upgrade; tables are created once, query texts are replaced.
-- Tested on PostgreSQL 15.
--
-- The providers read their statements from the table OrleansQuery (QueryKey, QueryText) and bind parameters by
-- name (@DeploymentId, @GrainIdHash, ...). Parameters that may be NULL are cast, so PostgreSQL knows their type.

CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey varchar(64) PRIMARY KEY,
    QueryText text NOT NULL
);

-- Membership: one version row per cluster (DeploymentId is Orleans' ClusterId), bumped by every change of a
-- member row, so two silos that change the table from the same version cannot both succeed.
CREATE TABLE IF NOT EXISTS orleans_membership_version (
    deployment_id text PRIMARY KEY,
    version integer NOT NULL DEFAULT 0,
    changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orleans_membership (
    deployment_id text NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address text NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    silo_name text NOT NULL,
    host_name text NOT NULL,
    status integer NOT NULL,
    proxy_port integer,
    suspect_times text,
    start_time timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Grain state. grain_type is the state's name as the storage receives it; ComparisonGrid names it
-- "<grain type>.<state name>" and gives every key a non-numeric prefix (PostgresGrainStorage), so neither two grain
-- classes nor the keys "0123" and "123" share a row. The version is the etag. A grain without a key extension has
-- '' there, not NULL, so a row is found by equality on every column of the unique constraint.
CREATE TABLE IF NOT EXISTS orleans_storage (
    service_id text NOT NULL,
    grain_type text COLLATE "C" NOT NULL,
    grain_type_hash integer NOT NULL,
    grain_id_hash integer NOT NULL,
    grain_id_n0 bigint NOT NULL,
    grain_id_n1 bigint NOT NULL,
    grain_key text COLLATE "C" NOT NULL,
    version integer NOT NULL,
    payload bytea,
    modified_on timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_storage_row UNIQUE (service_id, grain_type, grain_id_n0, grain_id_n1, grain_key)
);
-- Every statement of the provider names the row's two hashes: this small index finds it whatever the planner
-- thinks of a table that grew since its last ANALYZE (without it a 60,000-report ingest slowed down as it went).
CREATE INDEX IF NOT EXISTS orleans_storage_hashes ON orleans_storage (grain_id_hash, grain_type_hash);
-- The catalogs read every state of a type whose key ends in a year ("<region>/<year>").
CREATE INDEX IF NOT EXISTS orleans_storage_last_segment ON orleans_storage (service_id, grain_type, (substring(grain_key FROM '[^/]*$')));

-- ComparisonGrid's own: which earlier stores a silo has imported (the release before Orleans kept its state in
-- grain_state), so the import at start runs to its end once, and resumes if it was interrupted.
CREATE TABLE IF NOT EXISTS cgrid_imports (
    source text PRIMARY KEY,
    imported integer NOT NULL,
    already_there integer NOT NULL,
    refused integer NOT NULL,
    finished_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT DO NOTHING RETURNING 1)
SELECT EXISTS (SELECT 1 FROM inserted)
$q$),

-- Insert and update lock the version row first: of two silos that read the same version, the second waits and
-- then sees the bumped version, so it changes nothing and answers false.
('InsertMembershipKey', $q$
WITH current_version AS (
    SELECT version FROM orleans_membership_version WHERE deployment_id = @DeploymentId FOR UPDATE),
inserted AS (
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status,
        proxy_port, start_time, i_am_alive_time)
    SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM current_version WHERE current_version.version = @Version
    ON CONFLICT DO NOTHING RETURNING 1),
bumped AS (
    UPDATE orleans_membership_version SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId AND EXISTS (SELECT 1 FROM inserted) RETURNING 1)
SELECT EXISTS (SELECT 1 FROM bumped)
$q$),

('UpdateMembershipKey', $q$
WITH current_version AS (
    SELECT version FROM orleans_membership_version WHERE deployment_id = @DeploymentId FOR UPDATE),
updated AS (
    UPDATE orleans_membership SET status = @Status, suspect_times = @SuspectTimes::text, i_am_alive_time = @IAmAliveTime
    FROM current_version
    WHERE current_version.version = @Version AND deployment_id = @DeploymentId
      AND address = @Address AND port = @Port AND generation = @Generation
    RETURNING 1),
bumped AS (
    UPDATE orleans_membership_version SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId AND EXISTS (SELECT 1 FROM updated) RETURNING 1)
SELECT EXISTS (SELECT 1 FROM bumped)
$q$),

('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

-- Both reads answer at least one row, the version's; member columns are NULL when the table has no member.
('MembershipReadRowKey', $q$
SELECT v.version AS Version, m.address AS Address, m.port AS Port, m.generation AS Generation,
    m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
    m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
    AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),

('MembershipReadAllKey', $q$
SELECT v.version AS Version, m.address AS Address, m.port AS Port, m.generation AS Generation,
    m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
    m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),

('GatewaysQueryKey', $q$
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),

-- Rows of silos that stopped sending I-am-alive before the given time and are not active.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3
$q$),

('ReadFromStorageKey', $q$
SELECT payload AS PayloadBinary, version AS Version
FROM orleans_storage
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_key = coalesce(@GrainIdExtensionString::text, '')
$q$),

-- Without a version the state must be new (insert); with one it must match (update). No row back means the etag
-- did not match, which the provider reports as a conflict.
('WriteToStorageKey', $q$
WITH inserted AS (
    INSERT INTO orleans_storage (service_id, grain_type, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1,
        grain_key, version, payload)
    SELECT @ServiceId, @GrainTypeString, @GrainTypeHash, @GrainIdHash, @GrainIdN0, @GrainIdN1,
        coalesce(@GrainIdExtensionString::text, ''), 1, @PayloadBinary::bytea
    WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT DO NOTHING RETURNING version),
updated AS (
    UPDATE orleans_storage SET payload = @PayloadBinary::bytea, version = version + 1, modified_on = now()
    WHERE @GrainStateVersion::integer IS NOT NULL AND version = @GrainStateVersion::integer
      AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
      AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_key = coalesce(@GrainIdExtensionString::text, '')
    RETURNING version)
SELECT version AS NewGrainStateVersion FROM inserted
UNION ALL SELECT version FROM updated
$q$),

-- Clearing keeps the row with no payload and a new version; clearing a state never written makes that row.
('ClearStorageKey', $q$
WITH inserted AS (
    INSERT INTO orleans_storage (service_id, grain_type, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1,
        grain_key, version, payload)
    SELECT @ServiceId, @GrainTypeString, @GrainTypeHash, @GrainIdHash, @GrainIdN0, @GrainIdN1,
        coalesce(@GrainIdExtensionString::text, ''), 1, NULL
    WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT DO NOTHING RETURNING version),
updated AS (
    UPDATE orleans_storage SET payload = NULL, version = version + 1, modified_on = now()
    WHERE @GrainStateVersion::integer IS NOT NULL AND version = @GrainStateVersion::integer
      AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
      AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_key = coalesce(@GrainIdExtensionString::text, '')
    RETURNING version)
SELECT version FROM inserted
UNION ALL SELECT version FROM updated
$q$),

-- Deleting answers the deleted version + 1 (the provider compares it with the etag it held); deleting a state
-- never written answers 0; a version that does not match answers nothing, a conflict.
('DeleteStorageKey', $q$
WITH deleted AS (
    DELETE FROM orleans_storage
    WHERE @GrainStateVersion::integer IS NOT NULL AND version = @GrainStateVersion::integer
      AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
      AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_key = coalesce(@GrainIdExtensionString::text, '')
    RETURNING version + 1 AS version)
SELECT version FROM deleted
UNION ALL
SELECT 0 WHERE @GrainStateVersion::integer IS NULL AND NOT EXISTS (
    SELECT 1 FROM orleans_storage
    WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
      AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_key = coalesce(@GrainIdExtensionString::text, '') AND payload IS NOT NULL)
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
