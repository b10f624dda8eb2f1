using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// The state of one EUM run across rounds: positions, saliences and capabilities of every actor of the problem,
/// who is still in the negotiation (interventions may remove actors), and the range R. Reused across runs; the
/// working buffers only grow.
/// </summary>
internal sealed class EumSimulation
{
    private readonly EumKernel _kernel = new();
    private double[] _x = [], _s = [], _c = [];
    private bool[] _active = [];
    private int[] _map = [];
    private double[] _cx = [], _cs = [], _cw = [];
    private int _n, _nActive;
    private double _initialRange;
    private EumOptions _options = EumOptions.Default;
    private IssueProblem? _problem;
    private CancellationToken _cancel;

    public EumKernel Kernel => _kernel;
    public int ActiveCount => _nActive;

    /// <summary>The initial range of positions (widened by interventions that move an actor outside it).</summary>
    public double InitialRange => _initialRange;

    /// <summary>Original actor index of the k-th active actor (the kernel's k-th actor after <see cref="Compact"/>).</summary>
    public int OriginalIndex(int k) => _map[k];

    public double Position(int original) => _x[original];
    public bool IsActive(int original) => _active[original];

    /// <summary>Starts a run; <paramref name="cancellationToken"/> is checked every round and inside the kernel's long loops.</summary>
    public void Start(IssueProblem problem, EumOptions options, CancellationToken cancellationToken = default)
    {
        _problem = problem;
        _options = options;
        _cancel = cancellationToken;
        int n = problem.Count;
        if (_x.Length < n)
        {
            _x = new double[n]; _s = new double[n]; _c = new double[n]; _active = new bool[n];
            _map = new int[n]; _cx = new double[n]; _cs = new double[n]; _cw = new double[n];
        }
        _n = n;
        problem.Positions.AsSpan().CopyTo(_x);
        problem.Saliences.AsSpan().CopyTo(_s);
        problem.Capabilities.AsSpan().CopyTo(_c);
        _active.AsSpan(0, n).Fill(true);
        _nActive = n;
        _initialRange = CurrentRange();
    }

    private double CurrentRange()
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int i = 0; i < _n; i++)
            if (_active[i]) { lo = Math.Min(lo, _x[i]); hi = Math.Max(hi, _x[i]); }
        return _nActive == 0 ? 0.0 : hi - lo;
    }

    private double RangeForRound() =>
        _options.Variant.Range == RangeRule.Current ? CurrentRange() : _initialRange;

    /// <summary>Applies the interventions scheduled for <paramref name="round"/>; returns a description of each.</summary>
    public void ApplyInterventions(IReadOnlyList<Intervention> interventions, int round, List<string>? applied)
    {
        if (interventions.Count == 0) return;
        var problem = _problem!;
        bool any = false;
        foreach (var iv in interventions)
        {
            if (iv.AtRound != round) continue;
            if (iv.Issue is { } issue && issue != problem.Issue.Id) continue;
            int k = -1;
            for (int i = 0; i < _n; i++)
                if (problem.Actors[i].Id == iv.Actor) { k = i; break; }
            if (k < 0 || !_active[k]) continue;
            switch (iv.Kind)
            {
                case InterventionKind.Remove:
                    if (_nActive == 1)
                    {
                        applied?.Add($"round {round}: {iv} ignored: the last actor cannot leave");
                        continue;
                    }
                    _active[k] = false;
                    _nActive--;
                    break;
                case InterventionKind.SetPosition:
                    _x[k] = iv.Value;
                    break;
                case InterventionKind.SetSalience:
                    if (!(iv.Value >= 0 && iv.Value <= 1)) throw new ArgumentException($"{iv}: salience must lie in 0..1.");
                    _s[k] = iv.Value;
                    break;
                case InterventionKind.SetCapability:
                    if (!(iv.Value > 0) || !double.IsFinite(iv.Value)) throw new ArgumentException($"{iv}: capability must be > 0.");
                    _c[k] = iv.Value;
                    break;
            }
            any = true;
            applied?.Add($"round {round}: {iv}");
        }
        // A shock may widen the positions beyond the initial range; R never shrinks below the current range.
        if (any) _initialRange = Math.Max(_initialRange, CurrentRange());
    }

    /// <summary>Copies the active actors into the kernel (in problem order) with this round's range.</summary>
    public void Compact()
    {
        int k = 0;
        for (int i = 0; i < _n; i++)
        {
            if (!_active[i]) continue;
            _map[k] = i;
            _cx[k] = _x[i];
            _cs[k] = _s[i];
            _cw[k] = _c[i] * _s[i];
            k++;
        }
        _kernel.Load(_cx.AsSpan(0, k), _cs.AsSpan(0, k), _cw.AsSpan(0, k), RangeForRound(), _options, _cancel);
    }

    /// <summary>One round: prepare, choose offers, move everybody simultaneously.</summary>
    public void Step()
    {
        _cancel.ThrowIfCancellationRequested();
        Compact();
        _kernel.Prepare();
        _kernel.ChooseMoves();
        var moved = _kernel.NewPositions;
        for (int k = 0; k < moved.Length; k++) _x[_map[k]] = moved[k];
    }

    /// <summary>Weighted median and mean of the current positions (into the kernel's Median/Mean).</summary>
    public void Summarise()
    {
        Compact();
        _kernel.Summarise();
    }

    /// <summary>Lets go of the problem and the token at the end of a run (the buffers stay for the next one).</summary>
    public void Finish()
    {
        _problem = null;
        _cancel = default;
        _kernel.EndRun();
    }
}
