using Microsoft.EntityFrameworkCore;

namespace Parley.Storage;

/// <summary>
/// The web app's database. The provider-specific subclasses (<see cref="SqliteParleyDb"/>, <see cref="PostgresParleyDb"/>)
/// exist only so that each provider keeps its own migrations; code uses this type.
/// </summary>
public abstract class ParleyDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<ScenarioRecord> Scenarios => Set<ScenarioRecord>();
    public DbSet<ScenarioVersionRecord> Versions => Set<ScenarioVersionRecord>();
    public DbSet<RunRecord> Runs => Set<RunRecord>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<ScenarioRecord>(e =>
        {
            e.ToTable("scenarios");
            e.Property(s => s.Title).HasMaxLength(500);
            // the save protocol: UPDATE … WHERE latest_version = base, so two saves on one base cannot both succeed
            e.Property(s => s.LatestVersion).IsConcurrencyToken();
            e.HasMany(s => s.Versions).WithOne(v => v.Scenario).HasForeignKey(v => v.ScenarioId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<ScenarioVersionRecord>(e =>
        {
            e.ToTable("scenario_versions");
            e.HasIndex(v => new { v.ScenarioId, v.Number }).IsUnique();
            e.Property(v => v.Format).HasMaxLength(20);
            e.Property(v => v.Title).HasMaxLength(500);
            e.Property(v => v.Author).HasMaxLength(200);
        });
        b.Entity<RunRecord>(e =>
        {
            e.ToTable("runs");
            e.HasOne(r => r.Version).WithMany().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(r => r.VersionId);
            e.HasIndex(r => r.Status);
            e.Property(r => r.Kind).HasMaxLength(20);
            e.Property(r => r.Status).HasMaxLength(20);
            e.Property(r => r.ParleyVersion).HasMaxLength(100);
            e.Property(r => r.Author).HasMaxLength(200);
            e.Property(r => r.Label).HasMaxLength(500);
        });
    }
}

/// <summary>The SQLite flavour (its migrations are in Migrations/Sqlite).</summary>
public sealed class SqliteParleyDb(DbContextOptions<SqliteParleyDb> options) : ParleyDb(options);

/// <summary>The PostgreSQL flavour (its migrations are in Migrations/Postgres).</summary>
public sealed class PostgresParleyDb(DbContextOptions<PostgresParleyDb> options) : ParleyDb(options);
