using System.Text;
using Parley.Backtest;
using Parley.Formats;
using Parley.Formats.Deu;
using SharpFuzz;

namespace Parley.Fuzz;

/// <summary>
/// Feeds AFL++'s inputs to one reader, chosen by the first argument (see <see cref="Targets"/>). A reader's documented
/// failure path is a <see cref="LoadResult{T}"/> with located errors; any exception it lets out is a crash, and so is a
/// diagnostic that is not one bounded line. Run with no AFL++ around, the harness reads one input from stdin: that
/// replays a crash (<c>dotnet Parley.Fuzz.dll yaml &lt; crash-file</c>).
/// </summary>
public static class Program
{
    /// <summary>The readers, by the names .ci/fuzz and fuzz/corpus use.</summary>
    public static readonly IReadOnlyDictionary<string, Action<string>> Targets = new Dictionary<string, Action<string>>
    {
        ["yaml"] = text => Scenario("m.yaml", "yaml", text),
        ["json"] = text => Scenario("m.json", "json", text),
        ["table"] = text => Scenario("m.csv", "csv", text),
        ["ktab-csv"] = text => Scenario("m.csv", "ktab", text),
        ["ktab-xml"] = text => Scenario("m.xml", "ktab", text),
        ["decide"] = text => Scenario("m.txt", "decide", text),
        ["deu"] = Deu,
        // Not a reader: throws on any input holding a NUL character, so `.ci/fuzz` can be seen to fail (docs/fuzzing.md).
        // (It passes the input through an instrumented assembly first, for AFL++ to see coverage.)
        ["selftest"] = text =>
        {
            if (DiagnosticText.Bound(text, 80).Contains("\\u0000", StringComparison.Ordinal)) throw new InvalidOperationException("the planted crash");
        },
    };

    public static int Main(string[] args)
    {
        if (args.Length != 1 || !Targets.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine($"usage: Parley.Fuzz {string.Join("|", Targets.Keys)}  (AFL++ input, or one input on stdin)");
            return 2;
        }
        Fuzzer.OutOfProcess.Run(stream => target(Decode(stream)));
        return 0;
    }

    /// <summary>The bytes as the CLI reads a file: UTF-8 unless a byte order mark says otherwise.</summary>
    private static string Decode(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static void Scenario(string file, string format, string text)
    {
        var reader = ScenarioFiles.All.Single(r => r.Format == format);
        reader.Recognises(text);
        var result = reader.Read(file, text, ReadOptions.Default); // the reader itself, without ScenarioFiles' safety net
        Check(result.Errors, result.Notices);
        // also with the salience scale declared (tables) and through content recognition, as the CLI chooses
        if (format == "csv") Check(reader.Read(file, text, new ReadOptions { SalienceScale = 100 }).Errors, []);
    }

    private static void Deu(string text)
    {
        DeuReader.Recognises(text);
        var read = DeuReader.Read("m.tsv", text);
        Check(read.Errors, read.Notices);
        if (read.Ok) BacktestDataset.FromDeu("m.tsv", read.Value!); // what `parley backtest` does next with it
    }

    /// <summary>Every diagnostic and notice is one short line (the CLI prints them as they are).</summary>
    private static void Check(IReadOnlyList<Diagnostic> errors, IReadOnlyList<string> notices)
    {
        foreach (var line in Diagnostic.Lines(errors).Concat(notices))
            if (line.Length > 400 || line.Contains('\n') || line.Contains('\r'))
                throw new InvalidOperationException($"unbounded diagnostic ({line.Length} characters): {line[..Math.Min(line.Length, 200)]}");
    }
}
