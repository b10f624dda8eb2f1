using System.CommandLine;
using System.Globalization;
using Parley.Application.Models;

namespace Parley.Cli;

/// <summary>
/// The options that choose models and their settings: --model (repeatable), --variant, --rounds, --seed,
/// --issue (repeatable) and --option KEY=VALUE (repeatable), read into a <see cref="ModelRequest"/>. What they mean
/// (precedence over the scenario's model_settings, which model takes which setting) is the application layer's
/// (<see cref="ModelPlanner"/>).
/// </summary>
public sealed class ModelSelection
{
    /// <param name="defaults">The models run when none is named, for the help text.</param>
    /// <param name="shortOptionAlias">Whether --option also answers to -o (not where -o is the output file).</param>
    /// <param name="sizeCheck">Whether the command estimates its size before it runs (and so takes --no-size-check).</param>
    public ModelSelection(IReadOnlyList<string> defaults, bool shortOptionAlias = true, bool sizeCheck = true)
    {
        _sizeCheck = sizeCheck;
        Settings = shortOptionAlias ? new Option<string[]>("--option", "-o") : new Option<string[]>("--option");
        Settings.Description = "Model setting KEY=VALUE (repeatable), e.g. --option q=0.5. See 'parley models' for each model's settings.";
        Models = new Option<string[]>("--model", "-m")
        {
            Description = "Model to run (repeatable). Default: " + string.Join(", ", defaults) + ". See 'parley models'.",
        };
    }

    private readonly bool _sizeCheck;

    public Option<string[]> Models { get; }

    public Option<string?> Variant { get; } = new("--variant") { Description = "Model variant (e.g. eum: reference|paper)." };
    public Option<int?> Rounds { get; } = new("--rounds") { Description = "Number of rounds for round-based models." };

    public Option<ulong?> Seed { get; } = new("--seed")
    {
        Description = $"Seed fixing every random draw (default {Core.Models.ModelSettings.DefaultSeed}).",
    };

    public Option<string[]> Issues { get; } = new("--issue")
    {
        Description = "Show only this issue (repeatable). Models that bargain across issues (exchange, smp) still run on every issue, so their results do not change.",
    };

    public Option<string?> CapabilityBasis { get; } = new("--capability-basis")
    {
        Description = "What capability means to the models: " + Core.Power.CapabilityBasis.Allowed
                      + ". Default: the scenario's capability_basis, else resources (as given). The headline forecast uses its own fitted basis.",
    };
    public Option<string[]> Settings { get; }

    public Option<bool> NoSizeCheck { get; } = new(Application.Sizing.SizeEstimate.Override)
    {
        Description = "Run even when the size estimate says the run cannot fit in memory (see docs/cli.md, \"Limits\").",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Models);
        command.Options.Add(Variant);
        command.Options.Add(Rounds);
        command.Options.Add(Seed);
        command.Options.Add(Issues);
        command.Options.Add(Settings);
        command.Options.Add(CapabilityBasis);
        if (_sizeCheck) command.Options.Add(NoSizeCheck);
    }

    /// <summary>True when the command line names models (then dynamic models' details are shown).</summary>
    public bool Named(ParseResult parse) => parse.GetValue(Models) is { Length: > 0 };

    /// <summary>The command line's model choice as a request.</summary>
    public ModelRequest Request(ParseResult parse)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var kv in parse.GetValue(Settings) ?? [])
        {
            int eq = kv.IndexOf('=');
            if (eq <= 0 || eq == kv.Length - 1) throw new UsageException($"--option: '{kv}' is not KEY=VALUE");
            values[kv[..eq].Trim()] = kv[(eq + 1)..].Trim();
        }
        if (parse.GetValue(Variant) is { } variant) values["variant"] = variant;
        if (parse.GetValue(Rounds) is { } rounds)
        {
            if (rounds < 0) throw new UsageException($"--rounds: {rounds} must be ≥ 0");
            values["rounds"] = rounds.ToString(CultureInfo.InvariantCulture);
        }
        Core.Power.CapabilityBasis? basis = null;
        if (parse.GetValue(CapabilityBasis) is { } text)
            basis = Core.Power.CapabilityBasis.Parse(text)
                    ?? throw new UsageException($"--capability-basis: '{text}' is not a capability basis ({Core.Power.CapabilityBasis.Allowed})");
        return new ModelRequest
        {
            CapabilityBasis = basis,
            Models = parse.GetValue(Models) ?? [],
            Settings = values,
            Seed = parse.GetValue(Seed),
            Issues = parse.GetValue(Issues) is { Length: > 0 } issues ? issues : null,
            SizeCheck = !_sizeCheck || !parse.GetValue(NoSizeCheck),
        };
    }
}
