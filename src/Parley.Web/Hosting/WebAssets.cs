namespace Parley.Web.Hosting;

/// <summary>
/// Where the web app's static assets (MudBlazor, the Blazor script, app.css) and their manifests are. Hosted by the
/// `parley` program, they carry its name: in its build output a runtime manifest points at the files where they lie
/// (the NuGet cache, the project's wwwroot); in its publish output (and the installed .NET tool) the files are copied
/// to wwwroot beside it, with an endpoints manifest. Run on its own or under a test host, Parley.Web finds its own
/// manifests by its application name, as ASP.NET Core does by default (all nulls).
/// </summary>
internal sealed record WebAssets(string? WebRoot, string? RuntimeManifest, string? EndpointsManifest)
{
    private const string Host = "parley";

    public static WebAssets Find()
    {
        var dir = AppContext.BaseDirectory;
        string? Existing(string path) => File.Exists(path) || Directory.Exists(path) ? path : null;
        var endpoints = Existing(Path.Combine(dir, $"{Host}.staticwebassets.endpoints.json"));
        if (endpoints is null) return new WebAssets(null, null, null);
        return new WebAssets(
            Existing(Path.Combine(dir, "wwwroot")),
            Existing(Path.Combine(dir, $"{Host}.staticwebassets.runtime.json")),
            endpoints);
    }
}
