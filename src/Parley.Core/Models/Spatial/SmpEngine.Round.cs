namespace Parley.Core.Models.Spatial;

/// <summary>A round (docs/specs/smp.md §6.8, §6.9) and the run of rounds until KTAB's stopping rule holds (§6.10).</summary>
internal sealed partial class SmpEngine
{
    /// <summary>
    /// One round from an analysed state t: targets, bargains, queues, and the new state t+1 (positions and ideals).
    /// <paramref name="random"/> is needed for stochastic transitions only.
    /// </summary>
    public (SmpState Next, SmpRound Round) Step(SmpAnalysis a, int turn, KtabRandom? random = null)
    {
        int n = _n;
        var s = a.State;
        var round = new SmpRound(n) { Turn = turn };
        var views = _o.RecordChallenges ? new ChallengeView[n * n] : null;
        var bestP = new double[n];
        var bestGain = new double[n];
        var targets = round.Targets;
        var nearest = new double[n]; // per actor: the distance from its ideal to the nearest position
        Parallel.For(0, n, _par, t =>
        {
            var row = new ReadOnlySpan<double>(a.Distance, t * n, n);
            double min = double.PositiveInfinity;
            foreach (var d in row) min = d < min ? d : min;
            nearest[t] = min;
        });

        Parallel.For(0, n, _par,
            () => new ChallengeScratch(n) { DistanceT = a.DistanceT, Nearest = nearest },
            (i, _, buf) =>
            {
                if (_cancel.IsCancellationRequested) return buf; // Parallel.For throws once the running workers return
                int best = OwnChallenges(a, i, buf, views);
                targets[i] = best;
                if (best >= 0) { bestP[i] = buf.P[best]; bestGain[i] = buf.Gain[best]; }
                return buf;
            },
            _ => { });
        _cancel.ThrowIfCancellationRequested();
        round.Challenges = views;

        // Proposals, in initiator order; queues: SQ, own proposals, then proposals received (initiator order).
        var proposals = new List<SmpBargain>[n];
        Parallel.For(0, n, _par, i =>
        {
            proposals[i] = targets[i] >= 0 ? Propose(a, i, targets[i], bestP[i], bestGain[i]).ToList() : [];
        });
        var queues = new List<SmpBargain>[n];
        for (int k = 0; k < n; k++) queues[k] = [.. proposals[k]];
        for (int i = 0; i < n; i++)
            foreach (var b in proposals[i])
                queues[b.Receiver].Add(b);
        var all = new List<SmpBargain>();
        foreach (var list in proposals) all.AddRange(list);
        round.Bargains.AddRange(all);

        // Value of each bargain to each actor (same in every queue): V[b][a]; status quo V_sq[a].
        var sq = new double[n];
        for (int x = 0; x < n; x++)
        {
            double sum = 0.0;
            for (int t = 0; t < n; t++) sum += a.OwnUtility[x * n + t];
            sq[x] = sum / n;
        }
        var values = BargainValues(a, all);
        var index = new Dictionary<SmpBargain, int>(ReferenceEqualityComparer.Instance);
        for (int bi = 0; bi < all.Count; bi++) index[all[bi]] = bi;

        // Each actor resolves its own queue.
        var queueProbs = new double[n][];
        Parallel.For(0, n, _par, k =>
        {
            var q = queues[k];
            int nb = q.Count + 1;
            var u = new double[nb * n];
            Array.Copy(sq, 0, u, 0, n);
            for (int m = 0; m < q.Count; m++) Array.Copy(values[index[q[m]]], 0, u, (m + 1) * n, n);
            queueProbs[k] = Pce.ScalarPce(_p.Capabilities, u, nb, _o.Voting, _o.VictoryProb, _o.Pce);
        });

        var next = new double[n * _m];
        for (int k = 0; k < n; k++)
        {
            var p = queueProbs[k];
            int choice = _o.Transitions == StateTransitions.Deterministic
                ? ArgMax(p)
                : (random ?? throw new InvalidOperationException("stochastic transitions need a random generator")).ProbSel(p);
            round.StatusQuoProbability[k] = p[0];
            round.StatusQuoChosen[k] = choice == 0;
            var q = queues[k];
            for (int m = 0; m < q.Count; m++)
            {
                var b = q[m];
                if (b.Initiator == k) { b.InitiatorQueueProbability = p[m + 1]; b.ChosenByInitiator = choice == m + 1; }
                else { b.ReceiverQueueProbability = p[m + 1]; b.ChosenByReceiver = choice == m + 1; }
            }
            ReadOnlySpan<double> pos = choice == 0
                ? new ReadOnlySpan<double>(s.Positions, k * _m, _m)
                : q[choice - 1].Initiator == k ? q[choice - 1].InitiatorPosition : q[choice - 1].ReceiverPosition;
            pos.CopyTo(new Span<double>(next, k * _m, _m));
        }
        return (new SmpState(next, NewIdeals(s, next)), round);
    }

    private static int ArgMax(double[] p)
    {
        int best = 0;
        double max = Math.Abs(p[0]);
        for (int i = 1; i < p.Length; i++)
            if (Math.Abs(p[i]) > max) { max = Math.Abs(p[i]); best = i; }
        return best;
    }

    /// <summary>KTAB's <c>stateDist</c>: Σ_i ‖x_i^a − x_i^b‖₂.</summary>
    public double StateDistance(SmpState x, SmpState y)
    {
        double sum = 0;
        for (int i = 0; i < _n; i++)
        {
            double s = 0.0;
            for (int k = 0; k < _m; k++)
            {
                double d = x.Positions[i * _m + k] - y.Positions[i * _m + k];
                s += d * d;
            }
            sum += Math.Sqrt(s);
        }
        return sum;
    }

    /// <summary>Runs rounds until KTAB's stopping rule holds (docs/specs/smp.md §6.10).</summary>
    /// <exception cref="OperationCanceledException">The engine's token was cancelled.</exception>
    public SmpRun Run()
    {
        var random = _o.Transitions == StateTransitions.Stochastic ? new KtabRandom(_o.Seed) : null;
        var states = new List<SmpAnalysis> { Analyse(SmpState.Initial(_p)) };
        var rounds = new List<SmpRound>();
        for (int iter = 1; ; iter++)
        {
            _cancel.ThrowIfCancellationRequested();
            var (next, round) = Step(states[^1], iter - 1, random);
            rounds.Add(round);
            states.Add(Analyse(next));
            bool tooLong = _o.MaxRounds <= iter;
            bool longEnough = 2 <= iter;
            double d01 = StateDistance(states[0].State, states[1].State) + 1e-4;
            double dxy = StateDistance(states[iter].State, states[iter - 1].State);
            bool quiet = dxy / d01 < 0.02;
            if (longEnough && quiet) return new SmpRun(_p, _o, states, rounds) { Settled = true };
            if (tooLong) return new SmpRun(_p, _o, states, rounds);
        }
    }
}
