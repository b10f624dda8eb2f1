using Parley.Analysis.Inputs;
using Parley.Analysis.MonteCarlo;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Analysis.Sensitivity;

/// <summary>
/// Saltelli's sample matrices for one model on a scenario, as columns any range of rows can be computed for on its own
/// (a batch on another machine): per issue, f(A), f(B) and f(A_B^i) for each input i. Row j's values come from
/// (seed, j) alone, so the columns put together from batches equal those computed in one go, bit for bit.
/// </summary>
public sealed class SobolDesign
{
    private readonly InputSpace _space;
    private readonly Issue[] _issues;
    private readonly IReadOnlyList<UncertainInput>[] _inputs;
    private readonly IModel _model;
    private readonly IIssueModel? _fast;
    private readonly ModelSettings _settings;
    private readonly ulong _seedA, _seedB;

    public SobolDesign(Scenario scenario, IModel model, ModelSettings settings, int samples, ulong seed)
    {
        if (samples < 2) throw new AnalysisException($"Sobol indices need at least 2 samples (got {samples})");
        settings.RejectUnknown(model.Info);
        _space = new InputSpace(scenario);
        _issues = IssueModel.SelectIssues(scenario, settings).ToArray();
        _model = model;
        _fast = model is IIssueModel fast && !model.Info.IsMultiIssue ? fast : null;
        _settings = settings;
        _seedA = seed;
        _seedB = Sobol.SeedB(seed);
        // a one-dimensional model varies only the inputs on its issue; a multi-issue model varies all of them
        _inputs = _issues.Select(i => _fast is null ? _space.Inputs : _space.InputsOn(i.Id)).ToArray();
        Samples = samples;
        Columns = _inputs.Sum(x => x.Count + 2);
    }

    /// <summary>The rows N of the matrices.</summary>
    public int Samples { get; }

    /// <summary>Values per row: Σ over issues of (inputs + 2).</summary>
    public int Columns { get; }

    /// <summary>Model runs per row: one per column for a one-dimensional model (one forecast each), k + 2 whole runs otherwise.</summary>
    public int RunsPerRow => _fast is not null ? Columns : _space.Inputs.Count + 2;

    /// <summary>The columns for rows [first, end), each indexed by row − first.</summary>
    public double[][] Rows(int first, int end, MonteCarloOptions options)
    {
        if (_fast is not null)
            return _issues.SelectMany((issue, q) => Sobol.FastRows(_fast, _space.MapFor(IssueProblem.From(_space.Scenario, issue)), _inputs[q],
                _settings, _seedA, _seedB, options, first, end)).ToArray();
        return Sobol.ScenarioRows(_model, _space, _issues, _settings, _seedA, _seedB, options, first, end).SelectMany(f => f).ToArray();
    }

    /// <summary>The indices per issue from every row's columns (as <see cref="Rows"/> gives them for [0, Samples)).</summary>
    public IReadOnlyList<SobolResult> Summarise(double[][] columns)
    {
        var results = new SobolResult[_issues.Length];
        int offset = 0;
        for (int q = 0; q < _issues.Length; q++)
        {
            int width = _inputs[q].Count + 2;
            results[q] = Sobol.Indices(_issues[q].Id, _inputs[q], _space.Scenario, columns[offset..(offset + width)], Samples);
            offset += width;
        }
        return results;
    }
}
