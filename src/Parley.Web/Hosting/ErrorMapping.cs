using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Parley.Application;
using Parley.Core;
using Parley.Storage;
using Parley.Web.Jobs;

namespace Parley.Web.Hosting;

/// <summary>A failure as the API answers it: an HTTP status and an RFC 9457 problem document.</summary>
public sealed record ApiProblem(int Status, string Kind, string Title, string Detail, IReadOnlyList<Formats.Diagnostic> Diagnostics);

/// <summary>
/// The one place that maps failures to HTTP statuses: Parley's error kinds (<see cref="ParleyError.From"/>), the
/// store's not-found and version conflict, a full job queue, a request too large or malformed. Bugs become 500
/// with a message and no stack trace or type name.
/// </summary>
public static class ErrorMapping
{
    public static ApiProblem From(Exception e)
    {
        switch (e)
        {
            case NotFoundException nf:
                return new ApiProblem(404, "not-found", "Not found", nf.Message, []);
            case VersionConflictException c:
                return new ApiProblem(409, "conflict", "Version conflict", c.Message, []);
            case QueueFullException q:
                return new ApiProblem(429, "busy", "Too many analyses waiting", q.Message, []);
            case BadHttpRequestException bad:
                return new ApiProblem(bad.StatusCode, bad.StatusCode == 413 ? "too-large" : "bad-request",
                    bad.StatusCode == 413 ? "Request too large" : "Bad request",
                    bad.StatusCode == 413 ? $"the request is larger than the limit of {Formats.ScenarioFiles.MaxBytes / (1024 * 1024)} MB" : bad.Message, []);
            case JsonException json:
                return new ApiProblem(400, "bad-request", "Bad request", "the body is not valid JSON for this request: " + json.Message.Split(". Path:")[0], []);
        }
        var error = ParleyError.From(e);
        int status = error.Kind switch
        {
            ParleyErrorKind.InvalidInput => 422,
            ParleyErrorKind.ModelRefused => 422,
            ParleyErrorKind.InvalidRequest or ParleyErrorKind.InvalidSetting or ParleyErrorKind.UnknownModel => 400,
            _ when error.Cancelled => 409,
            _ => 500,
        };
        var title = error.Kind switch
        {
            ParleyErrorKind.InvalidInput => "Invalid scenario",
            ParleyErrorKind.ModelRefused => "A model cannot run on this input",
            ParleyErrorKind.InvalidSetting => "Invalid model setting",
            ParleyErrorKind.UnknownModel => "Unknown model",
            ParleyErrorKind.InvalidRequest => "Invalid request",
            _ when error.Cancelled => "Cancelled",
            _ => "Internal error",
        };
        var detail = error.Internal ? "internal error: " + e.Message + " (a bug in Parley; please report it)"
            : error.Kind == ParleyErrorKind.InvalidInput ? $"{error.Diagnostics.Count} problem(s) in the scenario" : error.Message;
        return new ApiProblem(status, KindName(error), title, detail, error.Diagnostics);
    }

    /// <summary>The kind as the API names it: invalid-input, invalid-request, …, cancelled, internal.</summary>
    public static string KindName(ParleyError error) => error.Kind switch
    {
        ParleyErrorKind.InvalidInput => "invalid-input",
        ParleyErrorKind.InvalidRequest => "invalid-request",
        ParleyErrorKind.InvalidSetting => "invalid-setting",
        ParleyErrorKind.UnknownModel => "unknown-model",
        ParleyErrorKind.ModelRefused => "model-refused",
        _ => error.Cancelled ? "cancelled" : "internal",
    };

    public static IResult Result(Exception e) => Result(From(e));

    public static IResult Result(ApiProblem p) => Results.Json(new
    {
        type = "about:blank",
        title = p.Title,
        status = p.Status,
        detail = p.Detail,
        kind = p.Kind,
        diagnostics = p.Diagnostics.Select(d => new { file = d.File, line = d.Line, column = d.Column, field = d.Field, message = d.Message, allowed = d.Allowed }),
    }, statusCode: p.Status, contentType: "application/problem+json");

    /// <summary>Answers API failures with <see cref="From"/>'s problem document.</summary>
    public sealed class Handler(ILogger<Handler> log) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
        {
            var problem = From(exception);
            if (problem.Status == 500) log.LogError(exception, "request {Path} failed", context.Request.Path);
            await Result(problem).ExecuteAsync(context);
            return true;
        }
    }
}
