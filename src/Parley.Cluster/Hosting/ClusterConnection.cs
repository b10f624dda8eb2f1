using System.Net;

namespace Parley.Cluster.Hosting;

/// <summary>
/// Where the cluster's membership lives, from the --cluster value: <c>localhost</c> (development: the first worker is the
/// primary silo on 127.0.0.1:11111 with its gateway on 30000; <c>localhost:SILO:GATEWAY</c> names other ports), a
/// PostgreSQL connection string (<c>Host=…</c>, ADO.NET clustering) or <c>redis://HOST:PORT</c>.
/// </summary>
public abstract record ClusterConnection
{
    public const string ClusterId = "parley";
    public const string ServiceId = "parley";

    public static ClusterConnection Parse(string text)
    {
        var value = text.Trim();
        if (value.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return new Localhost(11111, 30000);
        if (value.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase))
        {
            var parts = value.Split(':');
            if (parts.Length == 3 && Port(parts[1]) is { } silo && Port(parts[2]) is { } gateway && silo != gateway)
                return new Localhost(silo, gateway);
        }
        else if (value.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) && value.Length > "redis://".Length)
            return new Redis(value["redis://".Length..].TrimEnd('/'));
        else if (value.Contains("Host=", StringComparison.OrdinalIgnoreCase))
            return new Postgres(value);
        throw new ClusterException(
            $"--cluster: '{Shorten(value)}' is not localhost, localhost:SILO_PORT:GATEWAY_PORT, a PostgreSQL connection string (Host=...) or redis://HOST:PORT");
    }

    /// <summary>Development clustering without a database: the primary silo (the first worker) holds the membership.</summary>
    public sealed record Localhost(int PrimarySiloPort, int PrimaryGatewayPort) : ClusterConnection
    {
        public IPEndPoint Primary => new(IPAddress.Loopback, PrimarySiloPort);
        public override string ToString() => $"localhost:{PrimarySiloPort}:{PrimaryGatewayPort}";
    }

    /// <summary>ADO.NET clustering on PostgreSQL (schema: deploy/sql/orleans-postgresql.sql, applied by the workers).</summary>
    public sealed record Postgres(string ConnectionString) : ClusterConnection
    {
        public override string ToString() => "PostgreSQL";
    }

    /// <summary>Redis clustering (no schema).</summary>
    public sealed record Redis(string Configuration) : ClusterConnection
    {
        public override string ToString() => $"redis://{Configuration}";
    }

    private static int? Port(string text) => int.TryParse(text, out var p) && p is > 0 and < 65536 ? p : null;

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
