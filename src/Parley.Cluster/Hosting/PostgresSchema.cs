using Npgsql;

namespace Parley.Cluster.Hosting;

/// <summary>
/// Creates the tables and queries ADO.NET clustering reads (deploy/sql/orleans-postgresql.sql, embedded): the script
/// only creates what is missing and rewrites the queries, so every worker can run it at start; an advisory lock keeps
/// two workers from running it at once.
/// </summary>
public static class PostgresSchema
{
    private const long LockKey = 0x5061726C6579; // "Parley"

    public static string Script()
    {
        using var stream = typeof(PostgresSchema).Assembly.GetManifestResourceStream("Parley.Cluster.orleans-postgresql.sql")
                           ?? throw new InvalidOperationException("the PostgreSQL clustering script is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static async Task ApplyAsync(string connectionString, CancellationToken cancellation)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellation);
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", connection))
                await take.ExecuteNonQueryAsync(cancellation);
            await using (var create = new NpgsqlCommand(Script(), connection))
                await create.ExecuteNonQueryAsync(cancellation);
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", connection);
            await release.ExecuteNonQueryAsync(cancellation);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            throw new ClusterException($"--cluster: PostgreSQL: {e.Message}", e);
        }
    }
}
