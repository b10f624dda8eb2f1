namespace Parley.Core.Models.ExpectedUtility;

/// <summary>The actors in position order, the distinct positions, and the weighted median and mean.</summary>
internal sealed partial class EumKernel
{
    /// <summary>
    /// Sorts the actors by position and groups equal positions: _ux holds the m distinct positions in ascending order
    /// (padded to a whole number of vectors with the last one, so that padded lanes stay finite), _pid each actor's
    /// distinct position, _pidSorted the same in position order, _ucount and _ustart each position's actors.
    /// </summary>
    private void SortAndGroup()
    {
        int n = _n;
        SortByPosition();
        var order = _order.AsSpan(0, n);
        int m = 0;
        for (int t = 0; t < n; t++)
        {
            int k = order[t];
            if (m == 0 || _x[k] != _ux[m - 1])
            {
                _ux[m] = _x[k];
                _ucount[m] = 0;
                _ustart[m] = t;
                m++;
            }
            _ucount[m - 1]++;
            _pid[k] = m - 1;
            _pidSorted[t] = m - 1;
        }
        _ustart[m] = n;
        _m = m;
        _ms = (m + 3) & ~3;
        for (int q = m; q < _ms; q++) _ux[q] = _ux[m - 1];
    }

    /// <summary>
    /// _order = actor indices by (position, salience, weight, index), without allocating: Array.Sort on a key copy for
    /// large n, then an insertion pass that sorts small arrays and orders equal positions. Every sum runs in this
    /// order, which depends on the actors' attributes, not on their input order (only identical actors are ordered by
    /// index, and swapping identical terms changes no sum), so reordering the actors changes no bit of the result.
    /// </summary>
    private void SortByPosition()
    {
        int n = _n;
        var order = _order;
        // Start from the previous round's order when the actors are the same in number (usually nearly sorted
        // already); any starting permutation gives the same result, the order being a strict total order.
        if (n != _orderCount)
        {
            for (int i = 0; i < n; i++) order[i] = i;
            _orderCount = n;
        }
        if (n > 64)
        {
            _x.AsSpan(0, n).CopyTo(_sortKeys);
            Array.Sort(_sortKeys, order, 0, n);
        }
        for (int a = 1; a < n; a++)
        {
            int v = order[a];
            int b = a - 1;
            while (b >= 0 && Before(v, order[b]))
            {
                order[b + 1] = order[b];
                b--;
            }
            order[b + 1] = v;
        }
    }

    private bool Before(int a, int b)
    {
        if (_x[a] != _x[b]) return _x[a] < _x[b];
        if (_s[a] != _s[b]) return _s[a] < _s[b];
        if (_w[a] != _w[b]) return _w[a] < _w[b];
        return a < b;
    }

    /// <summary>The c·s-weighted mean and lower median (unweighted when every weight is 0), summed in position order.</summary>
    private void ComputeSummaries()
    {
        int n = _n;
        double total = 0, swx = 0, sx = 0;
        for (int t = 0; t < n; t++)
        {
            int i = _order[t];
            total += _w[i]; swx += _w[i] * _x[i]; sx += _x[i];
        }
        bool unweighted = !(total > 0);
        _mean = unweighted ? sx / n : swx / total;
        // Lower weighted median, same convention as WeightedMedianModel.LowerWeightedMedian.
        double half = (unweighted ? n : total) / 2.0, cumulative = 0;
        _median = _x[_order[n - 1]];
        for (int t = 0; t < n; t++)
        {
            int k = _order[t];
            cumulative += unweighted ? 1.0 : _w[k];
            if (cumulative >= half) { _median = _x[k]; break; }
        }
    }
}
