-- Orleans ADO.NET clustering on PostgreSQL, written for Parley (the Orleans NuGet packages ship no SQL).
-- Idempotent: it creates only what is missing and rewrites the stored queries, so every `parley worker` runs it at
-- start (under an advisory lock); it can also be run by hand:
--   psql -v ON_ERROR_STOP=1 -d orleans -f deploy/sql/orleans-postgresql.sql
-- The membership provider reads each query's text from OrleansQuery by key, runs it with named parameters
-- (@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @SuspectTimes,
-- @StartTime, @IAmAliveTime, @Version) and reads the result columns by name. Writes are optimistic: a membership
-- insert or update succeeds only if the table's version is still the one the silo read, and then bumps it; they
-- return 1 on success, 0 otherwise.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) NOT NULL,
    QueryText varchar(8000) NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL,
    Timestamp timestamptz(3) NOT NULL DEFAULT now(),
    Version integer NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150) NOT NULL,
    Address varchar(45) NOT NULL,
    Port integer NOT NULL,
    Generation integer NOT NULL,
    SiloName varchar(150) NOT NULL,
    HostName varchar(150) NOT NULL,
    Status integer NOT NULL,
    ProxyPort integer NULL,
    SuspectTimes varchar(8000) NULL,
    StartTime timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- The first silo of a deployment creates its version row; later calls find it there (0 rows, not an error).
CREATE OR REPLACE FUNCTION parley_insert_membership_version(deployment varchar)
RETURNS TABLE (row_count integer) AS
$$
DECLARE
    n integer := 0;
BEGIN
    INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (deployment)
    ON CONFLICT (DeploymentId) DO NOTHING;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN QUERY SELECT n;
END
$$ LANGUAGE plpgsql;

-- The optimistic check of every membership write: bump the version if it is still the one the silo read. The version
-- row stays locked until the caller's transaction ends, so concurrent writers are serialised.
CREATE OR REPLACE FUNCTION parley_bump_membership_version(deployment varchar, expected_version integer)
RETURNS boolean AS
$$
BEGIN
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = deployment AND Version = expected_version;
    RETURN FOUND;
END
$$ LANGUAGE plpgsql;

-- Insert a silo's row and bump the version, both or neither: the version check decides.
CREATE OR REPLACE FUNCTION parley_insert_membership(
    deployment varchar, address_arg varchar, port_arg integer, generation_arg integer, silo_name varchar, host_name varchar,
    status_arg integer, proxy_port integer, start_time timestamptz, i_am_alive timestamptz, expected_version integer)
RETURNS TABLE (row_count integer) AS
$$
DECLARE
    n integer := 0;
BEGIN
    IF NOT parley_bump_membership_version(deployment, expected_version) THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;
    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    VALUES
        (deployment, address_arg, port_arg, generation_arg, silo_name, host_name, status_arg, proxy_port, start_time, i_am_alive)
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'parley: membership row exists';
    END IF;
    RETURN QUERY SELECT 1;
EXCEPTION
    WHEN raise_exception THEN
        -- the row was there already: undo the version bump (the block's changes roll back) and report failure
        RETURN QUERY SELECT 0;
END
$$ LANGUAGE plpgsql;

-- Update a silo's status, suspicions and liveness and bump the version, both or neither.
CREATE OR REPLACE FUNCTION parley_update_membership(
    deployment varchar, address_arg varchar, port_arg integer, generation_arg integer, status_arg integer, suspect_times varchar,
    i_am_alive timestamptz, expected_version integer)
RETURNS TABLE (row_count integer) AS
$$
DECLARE
    n integer := 0;
BEGIN
    IF NOT parley_bump_membership_version(deployment, expected_version) THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;
    UPDATE OrleansMembershipTable
    SET Status = status_arg, SuspectTimes = suspect_times, IAmAliveTime = i_am_alive
    WHERE DeploymentId = deployment AND Address = address_arg AND Port = port_arg AND Generation = generation_arg;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'parley: no such membership row';
    END IF;
    RETURN QUERY SELECT 1;
EXCEPTION
    WHEN raise_exception THEN
        RETURN QUERY SELECT 0;
END
$$ LANGUAGE plpgsql;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpdateIAmAlivetimeKey', '
    UPDATE OrleansMembershipTable
    SET IAmAliveTime = @IAmAliveTime
    WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
      AND Address = @Address AND @Address IS NOT NULL
      AND Port = @Port AND @Port IS NOT NULL
      AND Generation = @Generation AND @Generation IS NOT NULL;
'),
('InsertMembershipVersionKey', '
    SELECT row_count FROM parley_insert_membership_version(@DeploymentId);
'),
('InsertMembershipKey', '
    SELECT row_count FROM parley_insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
        @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);
'),
('UpdateMembershipKey', '
    SELECT row_count FROM parley_update_membership(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
        @IAmAliveTime, @Version);
'),
('MembershipReadRowKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort, m.SuspectTimes,
           m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT OUTER JOIN OrleansMembershipTable m ON v.DeploymentId = m.DeploymentId
        AND m.Address = @Address AND @Address IS NOT NULL
        AND m.Port = @Port AND @Port IS NOT NULL
        AND m.Generation = @Generation AND @Generation IS NOT NULL
    WHERE v.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;
'),
('MembershipReadAllKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort, m.SuspectTimes,
           m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT OUTER JOIN OrleansMembershipTable m ON v.DeploymentId = m.DeploymentId
    WHERE v.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;
'),
('DeleteMembershipTableEntriesKey', '
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;
'),
('GatewaysQueryKey', '
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
      AND Status = @Status AND @Status IS NOT NULL
      AND ProxyPort > 0;
'),
('CleanupDefunctSiloEntriesKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
      AND IAmAliveTime < @IAmAliveTime
      AND Status != 3;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
