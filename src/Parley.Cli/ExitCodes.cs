namespace Parley.Cli;

/// <summary>Process exit codes.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A model or the machinery failed on valid input (a bug: please report it).</summary>
    public const int Failure = 1;

    /// <summary>The input or the command line is invalid; the diagnostics say where and why.</summary>
    public const int InvalidInput = 2;

    /// <summary>Stopped by the user (Ctrl-C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}

/// <summary>A problem with the command line itself; printed as one line, exit code 2.</summary>
public sealed class UsageException(string message) : Core.ParleyException(message)
{
    public override Core.ParleyErrorKind Kind => Core.ParleyErrorKind.InvalidRequest;
}
