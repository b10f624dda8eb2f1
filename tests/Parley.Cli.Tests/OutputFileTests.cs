using Parley.Tests.Shared;
using Xunit;

namespace Parley.Cli.Tests;

/// <summary>Output paths: a bad path is a usage error (exit 2) found before the work; writes are atomic.</summary>
public class OutputFileTests
{
    private static readonly string Toy = Fixtures.Path("toy.yaml");

    [Theory]
    [InlineData("convert", "-o")]
    [InlineData("report", "-o")]
    public void An_empty_output_file_name_is_a_usage_error(string command, string option)
    {
        var r = CliRunner.Run(command, Toy, option, "", "--draws", "10");
        if (command == "convert") r = CliRunner.Run(command, Toy, option, "");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("parley: --output: the output file name is empty", r.Err);
    }

    [Fact]
    public void An_empty_backtest_folder_is_a_usage_error()
    {
        var r = CliRunner.Run("backtest", Fixtures.Path("backtest-folder"), "--out", "");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("parley: --out: the output folder name is empty", r.Err);
    }

    [Fact]
    public void A_read_only_folder_is_a_usage_error_before_the_work()
    {
        // /proc refuses new files even to root (a chmod'ed folder would not, and CI runs as root)
        Assert.True(Directory.Exists("/proc"), "this test needs Linux's /proc");
        var r = CliRunner.Run("report", Toy, "-o", "/proc/parley-report.html", "--draws", "10");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("parley: --output: cannot write '/proc/parley-report.html':", r.Err);
        Assert.DoesNotContain(".tmp", r.Err);

        var b = CliRunner.Run("backtest", Fixtures.Path("backtest-folder"), "--out", "/proc/parley-backtest");
        Assert.Equal(2, b.ExitCode);
        Assert.Contains("parley: --out: cannot create the folder '/proc/parley-backtest':", b.Err);
    }

    [Fact]
    public void A_folder_as_the_output_file_is_a_usage_error()
    {
        var r = CliRunner.Run("convert", Toy, "-o", Path.GetTempPath());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is a folder, not a file", r.Err);
    }

    [Fact]
    public void An_existing_file_is_replaced_and_no_temporary_file_is_left()
    {
        var dir = Directory.CreateTempSubdirectory("parley-out-").FullName;
        try
        {
            var target = Path.Combine(dir, "toy.yaml");
            File.WriteAllText(target, "old");
            var r = CliRunner.Run("convert", Toy, "-o", target);
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("id: toy", File.ReadAllText(target));
            Assert.Single(Directory.GetFiles(dir));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_write_that_fails_midway_leaves_the_old_file_intact()
    {
        var dir = Directory.CreateTempSubdirectory("parley-out-").FullName;
        try
        {
            var target = Path.Combine(dir, "report.html");
            File.WriteAllText(target, "the previous report");
            var e = Assert.Throws<UsageException>(() => OutputFiles.Write(target, w =>
            {
                w.Write(new string('x', 100_000));
                throw new IOException("No space left on device");
            }, "--output"));
            Assert.Contains("No space left on device", e.Message);
            Assert.Equal("the previous report", File.ReadAllText(target));
            Assert.Single(Directory.GetFiles(dir));

            // cancelled (Ctrl-C) while writing: the same
            Assert.Throws<OperationCanceledException>(() => OutputFiles.Write(target, _ => throw new OperationCanceledException(), "--output"));
            Assert.Equal("the previous report", File.ReadAllText(target));
            Assert.Single(Directory.GetFiles(dir));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_process_killed_mid_write_leaves_the_old_file_intact_because_only_a_rename_touches_it()
    {
        // A kill cannot run code, so what must hold is the state at every moment of the write: until the final rename (atomic
        // within a folder), the target holds the old bytes and the new ones are in another file of the same folder.
        var dir = Directory.CreateTempSubdirectory("parley-out-").FullName;
        try
        {
            var target = Path.Combine(dir, "report.html");
            File.WriteAllText(target, "the previous report");
            OutputFiles.Write(target, w =>
            {
                w.Write(new string('x', 200_000));
                w.Flush();
                Assert.Equal("the previous report", File.ReadAllText(target)); // killed here: nothing lost
                var partial = Assert.Single(Directory.GetFiles(dir), f => f != target);
                Assert.Equal(Path.GetDirectoryName(target), Path.GetDirectoryName(partial)); // same folder: the rename is atomic
            }, "--output");
            Assert.Equal(200_000, File.ReadAllText(target).Length);
            Assert.Single(Directory.GetFiles(dir));
        }
        finally { Directory.Delete(dir, true); }
    }
}
