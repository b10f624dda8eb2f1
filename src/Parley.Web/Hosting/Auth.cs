using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Parley.Web.Hosting;

/// <summary>
/// The tokens that may use the server: NAME=TOKEN pairs from <see cref="ServerOptions.Tokens"/> (PARLEY_TOKENS) and
/// <see cref="ServerOptions.TokensFile"/>. No tokens: no login (allowed on a loopback address only).
/// </summary>
public sealed class TokenList
{
    private readonly Dictionary<string, string> _names = []; // token → name

    public TokenList(ServerOptions options)
    {
        foreach (var pair in (options.Tokens ?? "").Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            Add(pair, "PARLEY_TOKENS / Parley:Tokens");
        if (options.TokensFile is { } file)
        {
            if (!File.Exists(file)) throw new ServerSetupException($"the tokens file '{file}' does not exist");
            foreach (var line in File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
                Add(line, file);
        }
    }

    public bool Enabled => _names.Count > 0;

    /// <summary>The name a token belongs to (compared in constant time), or null.</summary>
    public string? NameOf(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var given = Encoding.UTF8.GetBytes(token);
        string? found = null;
        foreach (var (t, name) in _names)
            if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(t), given)) found = name;
        return found;
    }

    private void Add(string pair, string where)
    {
        int eq = pair.IndexOf('=');
        if (eq <= 0 || eq == pair.Length - 1) throw new ServerSetupException($"{where}: '{Mask(pair)}' is not NAME=TOKEN");
        var token = pair[(eq + 1)..].Trim();
        if (token.Length < 16) throw new ServerSetupException($"{where}: the token of '{pair[..eq].Trim()}' is shorter than 16 characters");
        _names[token] = pair[..eq].Trim();
    }

    private static string Mask(string s) => s.Length <= 4 ? "…" : s[..4] + "…";
}

/// <summary>The server cannot start as configured (printed as one line; `parley serve` exits with 2).</summary>
public sealed class ServerSetupException(string message) : Exception(message);

/// <summary>`Authorization: Bearer TOKEN` for the API.</summary>
public sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenList tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        var name = tokens.NameOf(header["Bearer ".Length..].Trim());
        if (name is null) return Task.FromResult(AuthenticateResult.Fail("unknown token"));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}

/// <summary>Authentication when tokens are configured: bearer tokens for the API, a sign-in page (a token) and a cookie for the UI.</summary>
public static class Auth
{
    public const string Policy = "parley";

    /// <summary>Who did it: the signed-in name, else (no login) the name given, else "local".</summary>
    public static string Author(HttpContext? context, string? given) =>
        context?.User.Identity is { IsAuthenticated: true, Name: { } name } ? name
        : string.IsNullOrWhiteSpace(given) ? "local" : given.Trim()[..Math.Min(given.Trim().Length, 100)];

    public static void AddParleyAuth(this IServiceCollection services, TokenList tokens)
    {
        services.AddSingleton(tokens);
        if (!tokens.Enabled)
        {
            services.AddAuthentication();
            services.AddAuthorization();
            return;
        }
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Policy;
                o.DefaultChallengeScheme = Policy;
            })
            .AddPolicyScheme(Policy, "token or cookie", o =>
                o.ForwardDefaultSelector = ctx => ctx.Request.Headers.Authorization.Count > 0
                    ? BearerTokenHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.Cookie.Name = "parley.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromDays(7);
                // the API answers 401, not a redirect to the sign-in page
                o.Events.OnRedirectToLogin = ctx =>
                {
                    if (!ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.Redirect(ctx.RedirectUri);
                    else ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorizationBuilder().SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }

    /// <summary>GET/POST /login (a token; form with antiforgery) and POST /logout.</summary>
    public static void MapLogin(this WebApplication app)
    {
        app.MapGet("/login", (HttpContext ctx, IAntiforgery af, string? error) => Results.Content(LoginPage(af.GetAndStoreTokens(ctx), error), "text/html; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/login", async (HttpContext ctx, TokenList tokens, IAntiforgery af) =>
        {
            if (!await af.IsRequestValidAsync(ctx)) return Results.BadRequest("the sign-in form has expired; reload the page");
            var form = await ctx.Request.ReadFormAsync();
            var name = tokens.NameOf(form["token"].ToString());
            if (name is null) return Results.Redirect("/login?error=1");
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], CookieAuthenticationDefaults.AuthenticationScheme);
            await ctx.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.LocalRedirect("/");
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription(); // validated above, on the form itself
        app.MapPost("/logout", async (HttpContext ctx, IAntiforgery af) =>
        {
            if (!await af.IsRequestValidAsync(ctx)) return Results.BadRequest("the form has expired; reload the page");
            await ctx.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/login");
        }).DisableAntiforgery().ExcludeFromDescription();
    }

    private static string LoginPage(AntiforgeryTokenSet af, string? error) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Sign in — Parley</title>
        <style>body{font-family:system-ui,sans-serif;background:#f5f7fa;display:flex;justify-content:center;padding-top:10vh}
        form{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002;min-width:320px}
        input{width:100%;padding:.5rem;margin:.5rem 0 1rem;box-sizing:border-box}button{padding:.5rem 1.5rem}.error{color:#b00020}</style></head>
        <body><form method="post" action="/login"><h1>Parley</h1>
        {{(error is null ? "" : "<p class=\"error\">That token is not known.</p>")}}
        <label for="token">Access token</label><input id="token" name="token" type="password" autocomplete="current-password" required>
        <input type="hidden" name="{{HtmlEncoder.Default.Encode(af.FormFieldName)}}" value="{{HtmlEncoder.Default.Encode(af.RequestToken ?? "")}}">
        <button type="submit">Sign in</button></form></body></html>
        """;
}
