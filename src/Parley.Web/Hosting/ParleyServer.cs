using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using MudBlazor.Services;
using Parley.Application.Analysing;
using Parley.Application.Forecasting;
using Parley.Application.Scenarios;
using Parley.Storage;
using Parley.Web.Api;
using Parley.Web.Components;
using Parley.Web.Jobs;
using Parley.Web.Runs;
using Parley.Web.Scenarios;
using Scalar.AspNetCore;

namespace Parley.Web.Hosting;

/// <summary>
/// The web app's composition: options, storage, services, the job runner, the API, the UI, security. `parley serve`
/// and `dotnet Parley.Web.dll` both start it with <see cref="RunAsync"/>; tests use WebApplicationFactory on it.
/// </summary>
public static class ParleyServer
{
    /// <summary>Builds, starts, prints where it listens and which database it uses, and runs until stopped.</summary>
    /// <returns>0 after a normal stop, 2 when the settings are refused, 1 when it cannot start.</returns>
    /// <param name="configure">Services the host adds or replaces (e.g. a cluster's <see cref="IAnalysisBackend"/>), after the defaults.</param>
    public static async Task<int> RunAsync(string[] args, IDictionary<string, string?>? settings, TextWriter output, TextWriter error,
        CancellationToken ct = default, Action<IServiceCollection>? configure = null)
    {
        WebApplication app;
        try
        {
            app = Build(args, settings, configure);
        }
        catch (ServerSetupException e)
        {
            await error.WriteLineAsync($"parley: {e.Message}");
            return 2;
        }
        await using (app)
        {
            try
            {
                await app.StartAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await error.WriteLineAsync($"parley: the server could not start: {e.Message}");
                return 1;
            }
            await output.WriteLineAsync(Banner(app));
            await output.FlushAsync(ct);
            await app.WaitForShutdownAsync(ct);
        }
        return 0;
    }

    public static WebApplication Build(string[] args, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var assets = WebAssets.Find();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(ParleyServer).Assembly.GetName().Name,
            WebRootPath = assets.WebRoot,
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        var options = ServerOptions.From(builder.Configuration);
        var tokens = new TokenList(options);
        if (!options.IsLoopback && !tokens.Enabled)
            throw new ServerSetupException(
                $"refusing to listen on {options.Host} without authentication: only a loopback address (127.0.0.1, ::1, localhost) may run without login; " +
                "give tokens with PARLEY_TOKENS=NAME=TOKEN or --tokens-file FILE (see docs/web.md)");
        if (options.Port is < 0 or > 65535) throw new ServerSetupException($"--port: {options.Port} is not a port (0–65535)");
        if (options.MaxConcurrentJobs < 1 || options.MaxDrawsPerJob < 1 || options.MaxQueuedJobs < 1)
            throw new ServerSetupException("the job limits (MaxConcurrentJobs, MaxQueuedJobs, MaxDrawsPerJob) must be at least 1");
        var target = Target(options);

        // static web assets (MudBlazor, the Blazor script) from the build output's manifest, in every environment
        if (assets.RuntimeManifest is { } runtime) builder.WebHost.UseSetting(WebHostDefaults.StaticWebAssetsKey, runtime);
        builder.WebHost.UseStaticWebAssets();
        if (builder.Configuration.GetValue("Parley:Listen", true))
            builder.WebHost.UseUrls($"http://{(options.Host.Contains(':') && !options.Host.StartsWith('[') ? $"[{options.Host}]" : options.Host)}:{options.Port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBytes);
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = options.MaxRequestBytes);
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error); // "keys not encrypted at rest": the data folder is the user's own
        builder.Services.AddDataProtection() // sign-in cookies and form tokens survive a restart
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.Data ?? DataFolder.Default, "keys")))
            .SetApplicationName("parley");

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(target);
        services.AddSingleton(new ParleyStore(target));
        services.AddSingleton(new ScenarioLoader());
        services.AddSingleton<ScenarioService>();
        services.AddSingleton(new ForecastService());
        services.AddSingleton(new AnalysisService());
        services.AddSingleton<RunService>();
        services.AddSingleton<IAnalysisBackend, LocalAnalysisBackend>();
        services.AddSingleton<StartupTasks>();
        services.AddHostedService(sp => sp.GetRequiredService<StartupTasks>()); // before the runner: the schema first
        services.AddSingleton<LocalAnalysisRunner>();
        services.AddSingleton<IAnalysisRunner>(sp => sp.GetRequiredService<LocalAnalysisRunner>());
        services.AddHostedService(sp => sp.GetRequiredService<LocalAnalysisRunner>());
        services.AddParleyAuth(tokens);
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.AddExceptionHandler<ErrorMapping.Handler>();
        services.AddProblemDetails();
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Parley API";
            doc.Info.Description = "Scenarios with every saved version, forecasts, analyses (jobs), comparisons and reports. See docs/web.md.";
            return Task.CompletedTask;
        }));
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = 8 * 1024 * 1024); // the YAML editor sends whole scenarios
        services.AddMudServices();
        configure?.Invoke(services);

        var app = builder.Build();
        app.Use(RefuseOversizedBodies(options.MaxRequestBytes));
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), a => a.UseExceptionHandler());
        app.Use(SecurityHeaders);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets(assets.EndpointsManifest).AllowAnonymous();
        app.MapOpenApi();
        app.MapScalarApiReference(o => o.WithTitle("Parley API").DisableDefaultFonts()); // no font service: the page works offline
        if (tokens.Enabled) app.MapLogin();
        app.MapParleyApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>
    /// A request that announces a body over the limit is answered at once with 413 and a problem document saying the
    /// limit, before anything reads the body (Kestrel's own limit, which still guards bodies of unannounced length,
    /// answers with an empty 413).
    /// </summary>
    private static Func<HttpContext, RequestDelegate, Task> RefuseOversizedBodies(long limit) => async (context, next) =>
    {
        if (context.Request.ContentLength is { } length && length > limit)
        {
            var problem = new ApiProblem(413, "too-large", "Request too large",
                $"the request announces {length:N0} bytes, over the limit of {limit / (1024 * 1024)} MB ({limit:N0} bytes)", []);
            context.Response.Headers.Connection = "close"; // the unread body is not drained
            await ErrorMapping.Result(problem).ExecuteAsync(context);
            return;
        }
        await next(context);
    };

    /// <summary>The database the options name: the connection string, else SQLite in the data folder.</summary>
    public static DatabaseTarget Target(ServerOptions options)
    {
        try
        {
            return options.Database is { } db
                ? DatabaseTarget.Parse(db)
                : DatabaseTarget.SqliteFile(Path.Combine(options.Data ?? DataFolder.Default, DataFolder.DatabaseFile));
        }
        catch (ArgumentException e)
        {
            throw new ServerSetupException($"--db: {e.Message}");
        }
    }

    /// <summary>The start-up lines: where to browse, and the database in use.</summary>
    public static string Banner(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "(no address)";
        var target = app.Services.GetRequiredService<DatabaseTarget>();
        var startup = app.Services.GetRequiredService<StartupTasks>();
        var tokens = app.Services.GetRequiredService<TokenList>();
        var lines = new List<string>
        {
            $"Parley is serving {address.TrimEnd('/')}/  (API reference: {address.TrimEnd('/')}/scalar, OpenAPI: /openapi/v1.json)",
            $"Database: {target.Describe()}{(startup.Seeded ? " (new: seeded with the template and the Hague 2025 scenario)" : "")}",
            tokens.Enabled ? "Sign-in: required (API: Authorization: Bearer TOKEN; UI: /login)" : "Sign-in: none (loopback only)",
            $"Analyses run in: {app.Services.GetRequiredService<IAnalysisBackend>().Describe()}",
        };
        if (startup.Interrupted > 0) lines.Add($"{startup.Interrupted} analysis job(s) cut short by the last stop are marked interrupted; rerun them from the run's page");
        lines.Add("Press Ctrl-C to stop.");
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>
    /// Headers on every response, and the API's guard against cross-site requests: a browser page on another site
    /// must not be able to post to a server on this machine (the API takes no cookies, but without login it needs none).
    /// </summary>
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var h = context.Response.Headers;
        h.XContentTypeOptions = "nosniff";
        h["Referrer-Policy"] = "no-referrer";
        h.XFrameOptions = "DENY";
        if (context.Request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            var site = context.Request.Headers["Sec-Fetch-Site"].ToString();
            var origin = context.Request.Headers.Origin.ToString();
            bool crossSite = site is "cross-site" or "same-site"
                             || (origin.Length > 0 && (!Uri.TryCreate(origin, UriKind.Absolute, out var o) || !string.Equals(o.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase)));
            if (crossSite)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return context.Response.WriteAsJsonAsync(new { title = "Forbidden", status = 403, detail = "cross-site requests to the API are refused" });
            }
        }
        return next();
    }
}
