using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Parley.Web.Hosting;

namespace Parley.Web.Tests;

/// <summary>Authentication, the loopback rule, the request size limit, cross-site requests and HTML escaping.</summary>
public sealed class SecurityTests
{
    private const string Token = "ann-0123456789abcdef";

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.0.2.10")]
    [InlineData("::")]
    public void A_non_loopback_address_without_tokens_is_refused(string host)
    {
        var e = Assert.Throws<ServerSetupException>(() => ParleyServer.Build([], new Dictionary<string, string?>
        {
            ["Parley:Host"] = host, ["Parley:Data"] = Path.GetTempPath(), ["Parley:Tokens"] = null,
        }));
        Assert.Contains($"refusing to listen on {host} without authentication", e.Message);
    }

    [Fact]
    public void Parley_serve_on_a_public_address_without_tokens_exits_with_2_and_says_why()
    {
        var err = new StringWriter();
        int exit = Cli.ParleyCli.Run(["serve", "--host", "0.0.0.0", "--data", Path.GetTempPath()], Cli.CliConsole.ForWriters(new StringWriter(), err));
        Assert.Equal(2, exit);
        Assert.Contains("refusing to listen on 0.0.0.0 without authentication", err.ToString());
        Assert.DoesNotContain("Exception", err.ToString());
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.1.2.3", true)]
    [InlineData("::1", true)]
    [InlineData("localhost", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("10.0.0.1", false)]
    public void Loopback_addresses_are_recognised(string host, bool loopback) =>
        Assert.Equal(loopback, new ServerOptions { Host = host }.IsLoopback);

    [Fact]
    public async Task With_tokens_the_API_needs_a_bearer_token_and_the_UI_a_sign_in()
    {
        using var f = new ParleyFactory(settings: new Dictionary<string, string?> { ["Parley:Tokens"] = $"ann={Token}" });
        var client = f.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/scenarios", Api.Ct)).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token-at-all-really");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/scenarios", Api.Ct)).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        await client.Get("/api/scenarios");
        var v = await client.Post("/api/scenarios", new { source = Api.Template, author = "someone else" }, HttpStatusCode.Created);
        Assert.Equal("ann", (string)v["author"]!); // the signed-in name, not what the body claims

        var browser = f.CreateClient(new() { AllowAutoRedirect = false });
        var home = await browser.GetAsync("/", Api.Ct);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/login", home.Headers.Location!.PathAndQuery);
        var login = await browser.GetStringAsync("/login", Api.Ct);
        Assert.Contains("__RequestVerificationToken", login);
        // a sign-in form posted without the antiforgery token is refused
        var forged = await browser.PostAsync("/login", new FormUrlEncodedContent([new("token", Token)]), Api.Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public void Tokens_must_be_name_and_a_long_secret()
    {
        Assert.Contains("shorter than 16", Assert.Throws<ServerSetupException>(() => new TokenList(new ServerOptions { Tokens = "ann=short" })).Message);
        Assert.Contains("not NAME=TOKEN", Assert.Throws<ServerSetupException>(() => new TokenList(new ServerOptions { Tokens = "justatoken" })).Message);
        var list = new TokenList(new ServerOptions { Tokens = $"ann={Token}; bob=bob-0123456789abcdef" });
        Assert.Equal("bob", list.NameOf("bob-0123456789abcdef"));
        Assert.Null(list.NameOf("bob-0123456789abcdeX"));
    }

    [Theory]
    [InlineData("/api/scenarios/import", "multipart/form-data; boundary=b")]
    [InlineData("/api/scenarios", "application/json")]
    public async Task Requests_over_50_MB_are_refused_with_413(string path, string contentType)
    {
        using var f = new ParleyFactory(kestrel: true);
        // announce a body one byte over the limit and send none of it: the server must answer before reading it
        var address = f.ClientOptions.BaseAddress;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, Api.Ct);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: {contentType}\r\nContent-Length: {50L * 1024 * 1024 + 1}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Api.Ct);
        var buffer = new byte[4096];
        var text = new StringBuilder();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Api.Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!text.ToString().Contains("}", StringComparison.Ordinal))
        {
            int n = await stream.ReadAsync(buffer, timeout.Token);
            if (n == 0) break;
            text.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
        var response = text.ToString();
        Assert.StartsWith("HTTP/1.1 413", response); // refused before the body is read
        Assert.Contains("application/problem+json", response);
        Assert.Contains("\"kind\":\"too-large\"", response);
        Assert.Contains("over the limit of 50 MB", response);
    }

    [Fact]
    public async Task A_body_under_the_limit_is_read()
    {
        using var f = new ParleyFactory(kestrel: true);
        using var client = new HttpClient { BaseAddress = f.ClientOptions.BaseAddress };
        using var form = new MultipartFormDataContent();
        // 5 MB of comment lines, then a broken scenario: refused for its content (422), not its size
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("# padding padding padding padding padding padding\n", 100_000)) + "scenario: [")), "file", "big.yaml");
        await (await client.PostAsync("/api/scenarios/import", form, Api.Ct)).Json(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Cross_site_writes_to_the_API_are_refused()
    {
        using var f = new ParleyFactory();
        var client = f.CreateClient();
        foreach (var (header, value) in new[] { ("Origin", "http://evil.example"), ("Sec-Fetch-Site", "cross-site") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/scenarios") { Content = new StringContent($$"""{"source": {{Api.Serialize(Api.Template)}}}""", Encoding.UTF8, "application/json") };
            request.Headers.Add(header, value);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request, Api.Ct)).StatusCode);
        }
        using var same = new HttpRequestMessage(HttpMethod.Post, "/api/scenarios") { Content = new StringContent($$"""{"source": {{Api.Serialize(Api.Template)}}}""", Encoding.UTF8, "application/json") };
        same.Headers.Add("Origin", f.Server.BaseAddress.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(same, Api.Ct)).StatusCode);
    }

    public const string Script = "<script>alert(1)</script>";

    /// <summary>The template with an actor and an issue title that are HTML.</summary>
    public static string HostileScenario => Api.Template
        .Replace("name: Member A", $"name: \"{Script}\"")
        .Replace("title: Budget increase", "title: \"<img src=x onerror=alert(2)>\"");

    [Fact]
    public async Task User_text_is_escaped_in_the_report_and_returned_as_data_by_the_API()
    {
        using var f = new ParleyFactory();
        var client = f.CreateClient();
        var v = await client.Post("/api/scenarios", new { source = HostileScenario }, HttpStatusCode.Created);
        var source = (string)(await client.Get((string)v["url"]!))["source"]!;
        Assert.Contains(Script, source); // stored exactly as written
        var run = await client.Post($"/api/scenarios/{(long)v["scenario_id"]!}/forecasts", new { }, HttpStatusCode.Created);
        var report = await client.GetAsync($"/api/runs/{(long)run["id"]!}/report", Api.Ct);
        var html = await report.Content.ReadAsStringAsync(Api.Ct);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("default-src 'none'", report.Headers.GetValues("Content-Security-Policy").Single());
        // the API's JSON escapes '<' so that it is inert even if a client pastes it into a page
        var raw = await client.GetStringAsync("/api/scenarios", Api.Ct);
        Assert.DoesNotContain("<img", raw);
    }
}
