using System.Runtime.InteropServices;
using Parley.Backtest;
using Parley.Formats;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Backtest.Tests;

/// <summary>
/// Loading a data set never throws and never reads without bound: special files, damaged DEU rows and capability
/// tables outside the numeric range are located errors.
/// </summary>
public sealed class DatasetInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parley-dsi-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string[] MiniLines() => File.ReadAllText(Fixtures.Path("deu", "mini.tsv")).Split('\n');

    private LoadResult<BacktestDataset> LoadDeu(string[] lines)
    {
        var path = Path.Combine(_dir, "deu.tsv");
        File.WriteAllText(path, string.Join('\n', lines));
        return BacktestDataset.Load(path);
    }

    [Fact]
    public void A_deu_row_with_a_blank_issue_id_is_a_located_error_not_a_crash()
    {
        var lines = MiniLines();
        lines[2] = lines[2].Replace("\"d01001i1\"", "\" \"");
        var e = Assert.Single(LoadDeu(lines).Errors);
        Assert.Equal((3, "isnr"), (e.Line, e.Field));
    }

    [Fact]
    public void A_gdp_row_outside_the_capability_range_is_a_located_error()
    {
        var lines = MiniLines();
        lines[1] = lines[1].Replace("\"2.5\"", "\"1e300\"");
        var e = Assert.Single(LoadDeu(lines).Errors);
        Assert.Equal(2, e.Line);
        Assert.Contains("1e-9 to 1e12", e.Allowed);
    }

    [Fact]
    public void A_deu_salience_too_small_to_tell_from_zero_is_a_located_error()
    {
        var lines = MiniLines();
        lines[2] = lines[2].Replace("\t90\t70\t", "\t1e-8\t70\t"); // 1e-10 on 0–1
        var e = Assert.Single(LoadDeu(lines).Errors);
        Assert.Equal(3, e.Line);
        Assert.Contains("too small", e.Message);
    }

    [Fact]
    public async Task A_device_or_a_named_pipe_is_refused_unread()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("a Unix test");
        Assert.Contains("is a device", Assert.Single(BacktestDataset.Load("/dev/zero").Errors).Message);
        var fifo = Path.Combine(_dir, "pipe.tsv");
        Assert.Equal(0, MakeFifo(fifo, Convert.ToUInt32("600", 8)));
        var loaded = await Prompt(() => BacktestDataset.Load(fifo));
        Assert.Contains("named pipe", Assert.Single(loaded.Errors).Message);
        Assert.Contains("is a device", Assert.Single(CapabilityConvention.Parse("/dev/zero").Errors).Message);
    }

    [Fact]
    public async Task A_named_pipe_in_a_folder_data_set_is_reported_not_opened()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("a Unix test");
        Assert.Equal(0, MakeFifo(Path.Combine(_dir, "case.yaml"), Convert.ToUInt32("600", 8)));
        var loaded = await Prompt(() => BacktestDataset.Load(_dir));
        Assert.Contains("named pipe", Assert.Single(loaded.Errors).Message);
    }

    /// <summary>The load's result; fails when it does not finish within 5 s (opening a pipe would block for ever).</summary>
    private static async Task<T> Prompt<T>(Func<T> load)
    {
        var ct = TestContext.Current.CancellationToken;
        var task = Task.Run(load, ct);
        var first = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(5), ct));
        Assert.True(first == task, "the load blocked");
        return await task;
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo(string path, uint mode);
}
