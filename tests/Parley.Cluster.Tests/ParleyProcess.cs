using System.Diagnostics;
using System.Text;
using Parley.Tests.Shared;

namespace Parley.Cluster.Tests;

/// <summary>A `dotnet parley.dll ...` process with its output collected; killed (whole tree) on dispose, whatever happened.</summary>
internal sealed class ParleyProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new(), _err = new();
    private readonly Lock _gate = new();

    private ParleyProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _out.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _err.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static ParleyProcess Start(params string[] args) => new(args);

    /// <summary>The CLI's build output next to this test's configuration (the test project references it).</summary>
    public static string Dll { get; } = FindDll();

    public string Out { get { lock (_gate) return _out.ToString(); } }
    public string Err { get { lock (_gate) return _err.ToString(); } }
    public bool Exited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>Waits until <paramref name="condition"/> holds on (stdout, stderr), failing with both outputs after <paramref name="timeout"/>.</summary>
    public async Task WaitFor(Func<string, string, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition(Out, Err))
        {
            if (clock.Elapsed > timeout || _process.HasExited && !condition(Out, Err))
                throw new TimeoutException($"{what}: not seen after {clock.Elapsed.TotalSeconds:0} s (exited: {_process.HasExited})\nstdout:\n{Out}\nstderr:\n{Err}");
            await Task.Delay(100);
        }
    }

    public async Task<int> Exit(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // drains the output
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the process gets no chance to leave the cluster or finish its batch.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGINT, as Ctrl-C in a terminal.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }
        _process.Dispose();
    }

    private static string FindDll()
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))); // bin/<Configuration>/net10.0
        var dll = RepoPaths.Combine("src", "Parley.Cli", "bin", configuration!, "net10.0", "parley.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build src/Parley.Cli first", dll);
    }
}
