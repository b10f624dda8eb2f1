using Parley.Cli;

// Ctrl-C cancels the running command (it stops promptly and says so); a second Ctrl-C ends the process at once.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (cancel.IsCancellationRequested) return;
    e.Cancel = true;
    cancel.Cancel();
};
return ParleyCli.Run(args, CliConsole.System() with { Cancellation = cancel.Token });
