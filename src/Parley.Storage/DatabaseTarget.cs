using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Parley.Storage;

/// <summary>Which database engine a connection string is for.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A database to use, from a connection string: one with <c>Host=</c> is PostgreSQL, anything else is a SQLite
/// connection string or a plain file path. <see cref="Describe"/> says which database it is without the password.
/// </summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseTarget Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) throw new ArgumentException("the database connection string is empty");
        if (trimmed.Contains("Host=", StringComparison.OrdinalIgnoreCase) || trimmed.Contains("Server=", StringComparison.OrdinalIgnoreCase))
            return new DatabaseTarget(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(trimmed).ConnectionString);
        var sqlite = trimmed.Contains('=') ? new SqliteConnectionStringBuilder(trimmed) : new SqliteConnectionStringBuilder { DataSource = trimmed };
        sqlite.Pooling = true;
        return new DatabaseTarget(DatabaseProvider.Sqlite, sqlite.ConnectionString);
    }

    /// <summary>A SQLite database in a file.</summary>
    public static DatabaseTarget SqliteFile(string path) => Parse(new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path) }.ConnectionString);

    /// <summary>The SQLite file, when this is one.</summary>
    public string? SqlitePath => Provider == DatabaseProvider.Sqlite ? new SqliteConnectionStringBuilder(ConnectionString).DataSource : null;

    /// <summary>For the start-up line: the file, or host/port/database (never the password).</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite) return $"SQLite {SqlitePath}";
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}" + (string.IsNullOrEmpty(b.Username) ? "" : $" (user {b.Username})");
    }

    /// <summary>A context for this database (the caller disposes it).</summary>
    public ParleyDb CreateContext() => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteParleyDb(new DbContextOptionsBuilder<SqliteParleyDb>().UseSqlite(ConnectionString).Options),
        _ => new PostgresParleyDb(new DbContextOptionsBuilder<PostgresParleyDb>().UseNpgsql(ConnectionString).Options),
    };
}
