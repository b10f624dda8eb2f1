using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Parley.Web.Tests;

/// <summary>
/// `parley serve` as a real process: saved versions survive a kill -9 in the middle of an analysis, and the analysis
/// is marked interrupted at the next start and can be run again.
/// </summary>
public sealed partial class ProcessTests
{
    [Fact]
    public async Task Killing_the_server_during_a_job_loses_no_version_and_marks_the_job_interrupted()
    {
        var data = Directory.CreateTempSubdirectory("parley-kill-").FullName;
        try
        {
            string[] sources = [Api.Template, Api.Template.Replace("capability: 2\n", "capability: 3\n"), Api.Template.Replace("salience: 0.8", "salience: 0.75")];
            long scenario;
            long job;
            using (var server = await Server.Start(data))
            {
                var created = await server.Client.Post("/api/scenarios", new { source = sources[0] }, HttpStatusCode.Created);
                scenario = (long)created["scenario_id"]!;
                for (int k = 1; k < sources.Length; k++)
                    await server.Client.Post($"/api/scenarios/{scenario}/versions", new { base_version = k, source = sources[k] }, HttpStatusCode.Created);
                // a long analysis of the Hague scenario (seeded as scenario 2)
                var started = await server.Client.Post("/api/scenarios/2/analyses", new { draws = 100000 }, HttpStatusCode.Accepted);
                job = (long)started["id"]!;
                var until = DateTime.UtcNow.AddSeconds(60);
                while ((long)(await server.Client.Get($"/api/runs/{job}"))["progress"]!["done"]! == 0)
                {
                    Assert.True(DateTime.UtcNow < until, "the analysis made no progress");
                    await Task.Delay(100, Api.Ct);
                }
                Assert.Equal("running", (string)(await server.Client.Get($"/api/runs/{job}"))["status"]!);
                server.Kill(); // SIGKILL: no shutdown code runs
            }
            using (var again = await Server.Start(data))
            {
                Assert.Contains("marked interrupted", again.Banner);
                var versions = (await again.Client.Get($"/api/scenarios/{scenario}/versions")).AsArray();
                Assert.Equal(3, versions.Count);
                for (int k = 0; k < sources.Length; k++)
                    Assert.Equal(sources[k], (string)(await again.Client.Get($"/api/scenarios/{scenario}/versions/{k + 1}"))["source"]!);
                var run = await again.Client.Get($"/api/runs/{job}");
                Assert.Equal("interrupted", (string)run["status"]!);
                Assert.Null(run["result"]);
                var rerun = await (await again.Client.PostAsync($"/api/runs/{job}/rerun", null, Api.Ct)).Json(HttpStatusCode.Accepted);
                Assert.Equal(job, (long)rerun["rerun_of"]!);
                Assert.Equal(100000, (int)rerun["request"]!["draws"]!);
                await again.Client.PostAsync($"/api/runs/{(long)rerun["id"]!}/cancel", null, Api.Ct);
            }
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    /// <summary>`dotnet parley.dll serve --port 0 --data DIR`, with the address read from its start-up line.</summary>
    private sealed partial class Server : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _output = [];

        private Server(Process process) => _process = process;

        public HttpClient Client { get; private set; } = null!;
        public string Banner => string.Join("\n", _output);

        public static async Task<Server> Start(string data)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "parley.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing");
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { dll, "serve", "--port", "0", "--data", data }) info.ArgumentList.Add(a);
            info.Environment.Remove("PARLEY_DB");
            info.Environment.Remove("PARLEY_TOKENS");
            var server = new Server(Process.Start(info)!);
            var address = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            server._process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (server._output) server._output.Add(e.Data);
                if (Address().Match(e.Data) is { Success: true } m) address.TrySetResult(m.Groups[1].Value);
            };
            server._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (server._output) server._output.Add(e.Data); };
            server._process.BeginOutputReadLine();
            server._process.BeginErrorReadLine();
            var done = await Task.WhenAny(address.Task, Task.Delay(TimeSpan.FromSeconds(90), Api.Ct), server._process.WaitForExitAsync(Api.Ct));
            Assert.True(done == address.Task, "the server did not start:\n" + server.Banner);
            await Task.Delay(200, Api.Ct); // the rest of the start-up lines
            server.Client = new HttpClient { BaseAddress = new Uri(await address.Task) };
            return server;
        }

        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            Client?.Dispose();
            if (!_process.HasExited) Kill();
            _process.Dispose();
        }

        [GeneratedRegex(@"Parley is serving (http://[^/\s]+/)")]
        private static partial Regex Address();
    }
}
