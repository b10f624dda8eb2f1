using System.Runtime.CompilerServices;
using Parley.Core.Models;

namespace Parley.Backtest;

/// <summary>
/// <c>ensemble</c>: the equal-weight average of one or two catalogue models, the pair (or single model) chosen
/// in-fold by training MAE among every model of the catalogue (models that fail or abstain on a training case are
/// not eligible). Equal weights, not fitted ones: forecast averaging with equal weights is hard to beat
/// (Clemen 1989, Int. J. Forecasting 5(4); Graefe et al. 2014, Int. J. Forecasting 30(1)), and only the choice of
/// members is tuned. Any model added to the catalogue later joins the candidates automatically.
/// </summary>
public sealed class EnsemblePredictor : ITunedPredictor
{
    private readonly IPredictor[] _members;
    private readonly ConditionalWeakTable<PreparedCase, double[]> _forecasts = new();

    /// <summary>An ensemble of given members (e.g. the catalogue models' forecasts computed elsewhere), in catalogue order.</summary>
    public EnsemblePredictor(IReadOnlyList<IPredictor> members) => _members = [.. members];

    public EnsemblePredictor(IReadOnlyList<IModel> models, ModelSettings? settings = null)
        : this(models.Select(m => (IPredictor)new ModelPredictor(m, settings)).ToArray()) { }

    public EnsemblePredictor(ModelSettings? settings = null) : this(ModelCatalog.All, settings) { }

    /// <summary>The candidate members, one predictor per catalogue model.</summary>
    public IReadOnlyList<IPredictor> Members => _members;

    public string Name => "ensemble";
    public string Kind => "tuned";

    /// <summary>Untuned use: the first model (the compromise).</summary>
    public double? Predict(PreparedCase c) => Forecasts(c)[0] is var f && double.IsFinite(f) ? f : null;

    private double[] Forecasts(PreparedCase c) => _forecasts.GetValue(c, pc => _members.Select(m =>
    {
        try { return m.Predict(pc) ?? double.NaN; }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ModelSettingException or Parley.Core.ModelRefusedException or ArithmeticException) { return double.NaN; }
    }).ToArray());

    public (IPredictor Fitted, string Choice) Fit(IReadOnlyList<PreparedCase> training)
    {
        var f = training.Select(Forecasts).ToArray();
        int k = _members.Length;
        (int A, int B) best = (0, 0);
        double bestError = double.PositiveInfinity;
        for (int a = 0; a < k; a++)
            for (int b = a; b < k; b++)
            {
                double sum = 0;
                bool eligible = true;
                for (int i = 0; i < f.Length && eligible; i++)
                {
                    double x = (f[i][a] + f[i][b]) / 2;
                    if (!double.IsFinite(x)) eligible = false;
                    else sum += Math.Abs(x - training[i].OutcomePercent);
                }
                if (eligible && sum / f.Length < bestError - 1e-12) { bestError = sum / f.Length; best = (a, b); }
            }
        var (ia, ib) = best;
        var fitted = new FuncPredictor(Name, Kind, c =>
        {
            var x = Forecasts(c);
            double v = (x[ia] + x[ib]) / 2;
            return double.IsFinite(v) ? v : null;
        });
        string choice = ia == ib ? _members[ia].Name : $"{_members[ia].Name}+{_members[ib].Name}";
        return (fitted, choice);
    }
}
