using System.Diagnostics;
using Parley.Reports.Html;
using Xunit;

namespace Parley.Analysis.Tests;

/// <summary>
/// Renders the HTML report in headless chromium and checks the screenshot is not blank. Skips when /usr/bin/chromium is
/// absent (.ci/setup-chromium installs it for CI). The screenshot is kept at a stable path under the test output
/// directory: report-screenshots/small-report.png (printed in the test output).
/// </summary>
public class ReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public void Report_has_every_chart_and_no_external_resources()
    {
        var result = ReportFixture.Small();
        var html = HtmlReport.Render(result);
        CheckStructure(html, result);
    }

    internal static void CheckStructure(string html, AnalysisResult result)
    {
        var issues = result.Scenario.Issues;
        var ok = result.Models.Where(m => m.Error is null).ToArray();
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Equal(issues.Count, Count(html, "data-chart=\"scale\""));
        Assert.Equal(issues.Count, Count(html, "data-chart=\"actor-map\""));
        Assert.Equal(issues.Count * ok.Length, Count(html, "data-chart=\"histogram\""));
        Assert.Equal(issues.Count * ok.Length, Count(html, "data-chart=\"tornado\""));
        int trajectories = ok.Sum(m => m.Point!.Issues.Count(r => r is Core.Models.IHasTrajectory));
        Assert.Equal(trajectories, Count(html, "data-chart=\"trajectory\""));
        Assert.Contains("id=\"evidence\"", html);
        foreach (var issue in issues) Assert.Contains($"id=\"issue-{issue.Id}\"", html);
        // self-contained: nothing is fetched
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Small_report_renders_in_headless_chromium_to_a_non_blank_screenshot()
    {
        var result = ReportFixture.Small();
        var png = Screenshot(HtmlReport.Render(result), "small-report");
        var image = PngImage.Read(png);
        Assert.Equal(1200, image.Width);
        Assert.True(image.LuminanceVariance() > 100, $"screenshot looks blank (luminance variance {image.LuminanceVariance():0.0})");
        Assert.True(image.DistinctColours() > 50, "screenshot has too few colours to hold charts");
    }

    /// <summary>Writes the report and its screenshot under report-screenshots/ in the test output; returns the PNG path.</summary>
    internal static string Screenshot(string html, string name)
    {
        if (!File.Exists(Chromium))
            Assert.Skip($"{Chromium} not found: run .ci/setup-chromium (apt-get install chromium) to render the report in a browser");
        var dir = Path.Combine(AppContext.BaseDirectory, "report-screenshots");
        Directory.CreateDirectory(dir);
        var htmlPath = Path.Combine(dir, name + ".html");
        var pngPath = Path.Combine(dir, name + ".png");
        File.WriteAllText(htmlPath, html);
        File.Delete(pngPath);
        var profile = Directory.CreateTempSubdirectory("parley-chromium-");
        try
        {
            var psi = new ProcessStartInfo(Chromium)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--no-first-run", "--disable-quic", "--hide-scrollbars", $"--user-data-dir={profile.FullName}",
                         "--window-size=1200,2000", $"--screenshot={pngPath}", new Uri(htmlPath).AbsoluteUri,
                     })
                psi.ArgumentList.Add(arg);
            using var process = Process.Start(psi)!;
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("chromium did not finish within 90 s");
            }
            Assert.True(File.Exists(pngPath), $"chromium wrote no screenshot (exit {process.ExitCode}): {stderr.Result}");
        }
        finally
        {
            try { profile.Delete(recursive: true); } catch (IOException) { }
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"report screenshot: {pngPath}");
        Console.WriteLine($"report screenshot: {pngPath}");
        return pngPath;
    }

    private static int Count(string text, string what)
    {
        int n = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
