using Microsoft.EntityFrameworkCore.Design;

namespace Parley.Storage;

// `dotnet ef migrations add NAME --context SqliteParleyDb --output-dir Migrations/Sqlite` (and Postgres…) use these:
// the provider is chosen at run time, so the tools need to be told which one a migration is for.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteParleyDb>
{
    public SqliteParleyDb CreateDbContext(string[] args) => (SqliteParleyDb)DatabaseTarget.Parse("Data Source=design.db").CreateContext();
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresParleyDb>
{
    public PostgresParleyDb CreateDbContext(string[] args) =>
        (PostgresParleyDb)DatabaseTarget.Parse("Host=127.0.0.1;Database=parley_design").CreateContext();
}
