namespace Parley.Core.Power;

/// <summary>
/// One quota of a weighted voting game: a coalition meets it when the sum of its members' <see cref="Weights"/> reaches
/// <see cref="Share"/> of the total weight of all players (or exceeds it, when <see cref="Strict"/>: a simple majority
/// is "more than half").
/// </summary>
public sealed record Quota(IReadOnlyList<double> Weights, double Share, bool Strict = false)
{
    public double Total => Weights.Sum();

    /// <summary>The weight a coalition needs.</summary>
    public double Threshold => Share * Total;

    public bool MetBy(double weight) => Strict ? weight > Threshold * (1 + 1e-12) : weight >= Threshold * (1 - 1e-12);
}

/// <summary>
/// A simple game on players 0..n−1: a coalition wins when it contains every veto player and meets every quota
/// (e.g. the EU Council's Lisbon double majority: 55 % of members and 65 % of population; under co-decision the
/// Parliament as a veto player). A consensus body is the game in which every player is a veto player.
/// </summary>
public sealed class WeightedVotingGame
{
    public WeightedVotingGame(int players, IReadOnlyList<Quota> quotas, IReadOnlyList<bool>? vetoes = null)
    {
        if (players < 1) throw new ArgumentException("a voting game needs at least one player");
        foreach (var q in quotas)
        {
            if (q.Weights.Count != players) throw new ArgumentException($"a quota has {q.Weights.Count} weights for {players} players");
            if (q.Weights.Any(w => !double.IsFinite(w) || w < 0)) throw new ArgumentException("quota weights must be finite and >= 0");
            if (!double.IsFinite(q.Share) || q.Share < 0 || q.Share > 1) throw new ArgumentException($"a quota's share must lie in 0..1 (got {q.Share})");
        }
        if (vetoes is not null && vetoes.Count != players) throw new ArgumentException($"{vetoes.Count} veto flags for {players} players");
        Players = players;
        Quotas = quotas;
        Vetoes = vetoes ?? new bool[players];
    }

    public int Players { get; }
    public IReadOnlyList<Quota> Quotas { get; }
    public IReadOnlyList<bool> Vetoes { get; }

    /// <summary>Whether the coalition (a membership flag per player) wins.</summary>
    public bool Wins(IReadOnlyList<bool> coalition)
    {
        for (int i = 0; i < Players; i++)
            if (Vetoes[i] && !coalition[i]) return false;
        foreach (var q in Quotas)
        {
            double sum = 0;
            for (int i = 0; i < Players; i++) if (coalition[i]) sum += q.Weights[i];
            if (!q.MetBy(sum)) return false;
        }
        return true;
    }

    /// <summary>
    /// A player that can never turn a losing coalition into a winning one whatever the others do, found without
    /// computing anything: no veto and zero weight in every quota (an agenda setter without a vote, an observer).
    /// </summary>
    public bool IsNonVoter(int i) => !Vetoes[i] && Quotas.All(q => q.Weights[i] == 0);
}
