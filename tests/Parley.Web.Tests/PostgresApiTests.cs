using Npgsql;
using Parley.Storage;

namespace Parley.Web.Tests;

/// <summary>
/// A throwaway PostgreSQL database on the server named by PARLEY_TEST_PG (`.ci/pg-start.sh` starts one on
/// 127.0.0.1:55432). Without it the PostgreSQL tests are skipped, unless PARLEY_REQUIRE_PG=1 (CI), when they fail.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string Variable = "PARLEY_TEST_PG";

    private readonly string? _connection;
    private readonly Lazy<ParleyFactory> _factory;

    public PostgresServer()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(server))
            _connection = new NpgsqlConnectionStringBuilder(server) { Database = $"parley_test_{Guid.NewGuid():N}" }.ConnectionString;
        _factory = new(() => new ParleyFactory(_connection));
    }

    /// <summary>The factory; skips the calling test when no server is configured (fails it when one is required).</summary>
    public ParleyFactory Factory
    {
        get
        {
            if (_connection is null)
            {
                if (Environment.GetEnvironmentVariable("PARLEY_REQUIRE_PG") == "1")
                    Assert.Fail($"PARLEY_REQUIRE_PG=1 but {Variable} is not set: start PostgreSQL with .ci/pg-start.sh and set {Variable}");
                Assert.Skip($"PostgreSQL tests skipped: set {Variable} (e.g. Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres after .ci/pg-start.sh)");
            }
            return _factory.Value;
        }
    }

    public void Dispose()
    {
        if (!_factory.IsValueCreated) return;
        _factory.Value.Dispose();
        NpgsqlConnection.ClearAllPools();
        using var db = DatabaseTarget.Parse(_connection!).CreateContext();
        db.Database.EnsureDeleted();
    }
}

public sealed class PostgresApiTests(PostgresServer server) : ApiContract(server.Factory), IClassFixture<PostgresServer>;
