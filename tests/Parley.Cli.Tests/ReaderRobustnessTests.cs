using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Parley.Formats;
using Parley.Formats.Writing;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Cli.Tests;

/// <summary>
/// Parley's contract for bad input, held over every reader through the command line: for valid fixtures mutated
/// byte by byte, line by line and number by number (a fixed seed, so every run reads the same inputs), `parley`
/// exits 0 or 2, never prints a stack trace, an "internal error" or a .NET type name, and every error line is
/// <c>FILE:LINE:COL: error: …</c> and short. Special files (a named pipe, a device, a directory, an unreadable file)
/// are refused at once.
/// </summary>
public sealed partial class ReaderRobustnessTests : IDisposable
{
    // A fixed seed and count; PARLEY_ROBUSTNESS_SEED / PARLEY_ROBUSTNESS_MUTANTS explore further by hand (docs/fuzzing.md).
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("PARLEY_ROBUSTNESS_SEED"), out var s) ? s : 20251207;
    private static readonly int MutantsPerSeed = int.TryParse(Environment.GetEnvironmentVariable("PARLEY_ROBUSTNESS_MUTANTS"), out var n) ? n : 50;
    private const int MaxErrorLine = 300;

    private readonly string _dir = Directory.CreateTempSubdirectory("prr-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The valid inputs mutated: one per reader, with the command that reads it.</summary>
    private static IEnumerable<(string Name, string Extension, string Content)> Seeds()
    {
        var toy = File.ReadAllText(Fixtures.Path("toy.yaml"));
        yield return ("yaml", ".yaml", toy);
        yield return ("json", ".json", ScenarioJsonWriter.Write(ScenarioFiles.Parse("toy.yaml", toy).ValueOrThrow()));
        yield return ("table", ".csv", File.ReadAllText(Fixtures.Path("ec-emissions.csv")));
        yield return ("ktab-csv", ".csv", File.ReadAllText(Fixtures.Path("ktab", "SOE-Pol-Comp.csv")));
        yield return ("ktab-xml", ".xml", KtabSampleXml.Create("robust", 7, [("VictoryProbModel", "Quartic"), ("PCEModel", "MarkovIncentive"),
            ("StateTransitions", "Stochastic"), ("VotingRule", "Prop"), ("BigRAdjust", "Half"), ("BigRRange", "Mid"),
            ("ThirdPartyCommit", "SemiCommit"), ("InterVecBrgn", "S2P2"), ("BargnModel", "PWCompInterp")],
            [("Alice", "Alice", "0.8"), ("Alice", "Bob", "0.2")]));
        yield return ("decide", ".txt", File.ReadAllText(Fixtures.Path("tiny-2x2.decide.txt")));
        yield return ("deu", ".tsv", File.ReadAllText(Fixtures.Path("deu", "mini.tsv")));
    }

    // Numbers a file might hold that the models cannot use, or that overflow the readers' counts.
    private static readonly string[] Extremes =
    [
        "1e308", "-1e308", "4.9e-324", "1e-300", "1e300", "0", "-0", "-1", "NaN", "Infinity", "1e400", "2147483648",
        "1073741824", "99999999999999999999", "1e12", "1e13", "1e-9", "1e-10", "0.5", "100", "101", "",
    ];

    // Fragments that have broken readers: quotes, delimiters, escapes, Unicode line breaks, a lone surrogate, nesting.
    private static readonly string[] Fragments =
    [
        "\"", "'", ",", "\t", "\n", "\r", "\r\n", ":", "- ", "{", "}", "[", "]", "<", ">", "&", "&amp;", "&x;", "*a", "&a ",
        "\u2028", "\u2029", "\u0085", "\\ud800", "\\udc00", "\uFEFF", "\0", "#A\t", "#D\t", "#P\t", "<a>", "</Actor>",
        "<!DOCTYPE x [<!ENTITY e \"ee\">]>", new string('[', 300), new string('x', 10_000), "é", "😀",
    ];

    [Fact]
    public void Mutated_inputs_to_every_reader_exit_0_or_2_with_located_short_errors()
    {
        var random = new Random(Seed);
        int inputs = 0, refused = 0;
        foreach (var (name, extension, content) in Seeds())
        {
            Check(name, extension, Encoding.UTF8.GetBytes(content), expectValid: true);
            for (int k = 0; k < MutantsPerSeed; k++)
            {
                var mutant = Mutate(random, content);
                if (Check($"{name}-{k}", extension, mutant, expectValid: false) == 2) refused++;
                inputs++;
            }
        }
        // the mutations must mostly break the files, or the test would be checking valid inputs only
        Assert.True(refused > inputs / 3, $"only {refused} of {inputs} mutants were refused");
    }

    /// <summary>Runs the command that reads the file (and, for a valid scenario, `run`); returns validate's exit code.</summary>
    private int Check(string name, string extension, byte[] bytes, bool expectValid)
    {
        var path = Path.Combine(_dir, name + extension);
        File.WriteAllBytes(path, bytes);
        if (extension == ".tsv")
        {
            var backtest = CliRunner.Run("backtest", path, "--model", "median", "--folds", "2");
            AssertContract(path, backtest, bytes);
            if (expectValid) Assert.Equal(0, backtest.ExitCode);
            return backtest.ExitCode;
        }
        var validate = CliRunner.Run("validate", path);
        AssertContract(path, validate, bytes);
        if (expectValid) Assert.True(validate.ExitCode == 0, $"{name}: the seed itself is invalid:\n{validate.Err}");
        if (validate.ExitCode == 0)
        {
            // what validate accepts, every model must run on (the decide file without stances passed validate, then
            // `run` failed with exit 1)
            var run = CliRunner.Run("run", path, "--json");
            AssertContract(path, run, bytes);
            Assert.True(run.ExitCode == 0, $"{name}: validate passed but run exited {run.ExitCode}:\n{run.Err}");
            // a forecast is a number; NaN and ±Infinity would be written as the strings "NaN", "Infinity"
            Assert.False(NonFiniteForecast().IsMatch(run.Out), $"{name}: a forecast is not finite:\n{Cut(run.Out)}");
        }
        return validate.ExitCode;
    }

    private static void AssertContract(string path, CliRunner.Outcome r, byte[] input)
    {
        string Show() => $"{Path.GetFileName(path)} (exit {r.ExitCode}), input starts {Convert.ToBase64String(input.AsSpan(0, Math.Min(input.Length, 300)))}\n{Cut(r.Err)}";
        Assert.True(r.ExitCode is 0 or 2, "exit code: " + Show());
        Assert.DoesNotContain("internal error", r.Err);
        Assert.DoesNotContain("Exception", r.Err);
        Assert.False(TypeName().IsMatch(r.Err), ".NET type name: " + Show());
        Assert.True(r.Err.Length < 100_000, "stderr too long: " + Show());
        foreach (var line in r.Err.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Contains(": error: ", StringComparison.Ordinal)))
        {
            Assert.True(ErrorLine().IsMatch(line), "not FILE:LINE:COL: error: " + line);
            Assert.True(line.Length <= MaxErrorLine, $"{line.Length} characters: {Cut(line)}");
        }
    }

    private static string Cut(string s) => s.Length <= 2000 ? s : s[..2000] + "…";

    [GeneratedRegex("\"forecast\"\\s*:\\s*\"")]
    private static partial Regex NonFiniteForecast();

    [GeneratedRegex(@"^.+:\d+:\d+: error: ")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"\bSystem\.[A-Z][A-Za-z]+\.|\b[A-Z][A-Za-z]+Exception\b|   at [A-Z]")]
    private static partial Regex TypeName();

    /// <summary>One to four mutations of the text: bytes, lines, numbers or fragments, chosen by <paramref name="random"/>.</summary>
    private static byte[] Mutate(Random random, string content)
    {
        var text = content;
        int edits = random.Next(1, 5);
        for (int e = 0; e < edits; e++)
        {
            switch (random.Next(6))
            {
                case 0: // a number replaced by an extreme
                    var numbers = Number().Matches(text);
                    if (numbers.Count == 0) goto case 1;
                    var m = numbers[random.Next(numbers.Count)];
                    text = text[..m.Index] + Extremes[random.Next(Extremes.Length)] + text[(m.Index + m.Length)..];
                    break;
                case 1: // a fragment inserted
                    int at = random.Next(text.Length + 1);
                    text = text[..at] + Fragments[random.Next(Fragments.Length)] + text[at..];
                    break;
                case 2: // a line deleted, duplicated or swapped
                    var lines = text.Split('\n').ToList();
                    int i = random.Next(lines.Count), j = random.Next(lines.Count);
                    switch (random.Next(3))
                    {
                        case 0: lines.RemoveAt(i); break;
                        case 1: lines.Insert(i, lines[j]); break;
                        default: (lines[i], lines[j]) = (lines[j], lines[i]); break;
                    }
                    text = string.Join('\n', lines);
                    break;
                case 3: // cut short
                    text = text[..random.Next(text.Length + 1)];
                    break;
                case 4: // a span deleted
                    int from = random.Next(text.Length + 1);
                    text = text.Remove(from, Math.Min(random.Next(1, 40), text.Length - from));
                    break;
                default: // raw bytes: invalid UTF-8, NUL, high bytes
                    var bytes = Encoding.UTF8.GetBytes(text);
                    int b = random.Next(bytes.Length + 1);
                    var noise = new byte[random.Next(1, 4)];
                    random.NextBytes(noise);
                    return [.. bytes[..b], .. noise, .. bytes[b..]];
            }
        }
        return Encoding.UTF8.GetBytes(text);
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][-+]?\d+)?")]
    private static partial Regex Number();

    // ------------------------------------------------------------------ generated inputs: sizes and counts

    [Theory]
    [InlineData("big.csv", "n,d,3,1073741824\nActor,Description,Power,D1,S1\na,a,1,1,1\n")]
    [InlineData("max.csv", "n,d,2147483647,2147483647\nActor,Description,Power,D1,S1\na,a,1,1,1\n")]
    [InlineData("s.json", "{\"scenario\": {\"id\": \"x\", \"title\": \"\\ud800\"}}")]
    [InlineData("e.yaml", "scenario: {id: x, title: x}\nissues: [{id: i, title: i, scale: {min: 0, max: 1e308}}]\n")]
    [InlineData("d.txt", "'#A'\t'a'\n'#A'\t'b'\n'#P'\t'i'\n'#P'\t'none'\n'#D'\t'a'\t'i'\t1\t0.5\t1\n'#D'\t'b'\t'i'\t9\t0.5\t1\n")]
    public void Inputs_that_crashed_the_readers_are_located_errors(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        foreach (var command in new[] { "validate", "run", "analyze" })
        {
            var r = CliRunner.Run(command, path);
            AssertContract(path, r, Encoding.UTF8.GetBytes(content));
            Assert.Equal(2, r.ExitCode);
        }
    }

    [Fact]
    public void A_huge_value_or_line_gives_short_output()
    {
        var cap = Path.Combine(_dir, "cap.yaml");
        File.WriteAllText(cap, File.ReadAllText(Fixtures.Path("toy.yaml")).Replace("capability: 1\n", "capability: " + new string('7', 5_000_000) + "x\n"));
        var line = Path.Combine(_dir, "line.yaml");
        File.WriteAllText(line, "scenario: " + new string('x', 20_000_000));
        foreach (var path in new[] { cap, line })
        {
            var r = CliRunner.Run("validate", path);
            Assert.Equal(2, r.ExitCode);
            AssertContract(path, r, []);
            Assert.True(r.Err.Length < 5_000, $"{r.Err.Length} characters of errors");
        }
    }

    [Fact]
    public void Many_bad_rows_print_a_hundred_errors_and_a_count()
    {
        var path = Path.Combine(_dir, "rows.csv");
        File.WriteAllText(path, "Actor,Capability,Position,Salience\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"a{i},x,1,0.5\n")));
        var r = CliRunner.Run("validate", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(Diagnostic.MaxPrinted, r.Err.Split('\n').Count(l => l.Contains(": error: ", StringComparison.Ordinal)));
        Assert.Contains("400 more errors not shown", r.Err);
    }

    [Fact]
    public void A_one_line_deu_file_past_the_size_limit_is_refused_unread()
    {
        var path = Path.Combine(_dir, "big.tsv");
        using (var f = File.Create(path)) f.SetLength(InputFile.MaxBytes + 1024 * 1024); // sparse: one 51 MB "line" of NULs
        var r = CliRunner.Run("backtest", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("file too large", r.Err);
    }

    // ------------------------------------------------------------------ special files

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo(string path, uint mode);

    /// <summary>
    /// Runs the command on another thread; it must finish within a second (a blocked open would never return, a read
    /// of /dev/zero would not stop). <paramref name="unblock"/> frees a thread left blocked, so the test run goes on.
    /// </summary>
    private static CliRunner.Outcome Prompt(Action unblock, params string[] args)
    {
        CliRunner.Run(args[0], "--help"); // warm up the command, so the limit measures the refusal, not the JIT
        var task = Task.Run(() => CliRunner.Run(args));
        if (!task.Wait(TimeSpan.FromSeconds(1)))
        {
            unblock();
            Assert.Fail($"`parley {string.Join(' ', args)}` did not finish within a second");
        }
        return task.Result;
    }

    [Fact]
    public void A_named_pipe_is_refused_without_waiting_for_a_writer()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("named pipes are a Unix test");
        var fifo = Path.Combine(_dir, "pipe.yaml");
        Assert.Equal(0, MakeFifo(fifo, Convert.ToUInt32("600", 8)));
        void Unblock() { using var w = new FileStream(fifo, FileMode.Open, FileAccess.Write); }
        foreach (var args in new[] { new[] { "validate", fifo }, ["run", fifo], ["backtest", fifo] })
        {
            var r = Prompt(Unblock, args);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("named pipe", r.Err);
            AssertContract(fifo, r, []);
        }
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("run")]
    [InlineData("backtest")]
    public void A_device_is_refused_unread(string command)
    {
        if (!File.Exists("/dev/zero")) Assert.Skip("no /dev/zero on this platform");
        foreach (var device in new[] { "/dev/zero", "/dev/urandom" })
        {
            var r = Prompt(() => { }, command == "validate" ? [command, device, "--format", "json"] : [command, device]);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("is a device", r.Err);
        }
    }

    [Fact]
    public void A_device_as_capability_table_is_refused_unread()
    {
        if (!File.Exists("/dev/zero")) Assert.Skip("no /dev/zero on this platform");
        var r = Prompt(() => { }, "backtest", Fixtures.Path("deu", "mini.tsv"), "--capability", "/dev/zero");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("/dev/zero:0:0: error: --capability: is a device", r.Err);
    }

    [Fact]
    public void A_directory_is_named_as_one_not_as_a_missing_file()
    {
        var dir = Path.Combine(_dir, "adir");
        Directory.CreateDirectory(dir);
        foreach (var command in new[] { "validate", "run", "analyze" })
        {
            var r = Prompt(() => { }, command, dir);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains($"{dir}:0:0: error: is a directory", r.Err);
            Assert.DoesNotContain("not found", r.Err);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void An_unreadable_file_is_refused()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("file modes are a Unix test");
        var path = Path.Combine(_dir, "locked.yaml");
        File.Copy(Fixtures.Path("toy.yaml"), path);
        File.SetUnixFileMode(path, UnixFileMode.None);
        try
        {
            try
            {
                using (File.OpenRead(path)) { }
                Assert.Skip("running as root (or with CAP_DAC_OVERRIDE): every file is readable, so an unreadable one cannot be made");
            }
            catch (UnauthorizedAccessException)
            {
                // as expected for an ordinary user
            }
            foreach (var args in new[] { new[] { "validate", path }, ["run", path], ["backtest", path] })
            {
                var r = Prompt(() => { }, args);
                Assert.Equal(2, r.ExitCode);
                Assert.Contains("cannot read the file", r.Err);
                AssertContract(path, r, []);
            }
        }
        finally
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void The_salience_scale_of_a_table_is_a_read_option()
    {
        var path = Path.Combine(_dir, "mixed.csv");
        File.WriteAllText(path, "Actor,Capability,Position,Salience\nA,1,2,0.8\nB,1,3,50\nC,2,5,0.3\n");
        var refused = CliRunner.Run("validate", path);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--salience-scale", refused.Err);
        Assert.Equal(0, CliRunner.Run("validate", path, "--salience-scale", "100").ExitCode);
        var run = CliRunner.Run("run", path, "--salience-scale", "100", "--model", "compromise", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, CliRunner.Run("run", path, "--salience-scale", "1").ExitCode);
        Assert.Equal(2, CliRunner.Run("run", path, "--salience-scale", "10").ExitCode);
    }
}
