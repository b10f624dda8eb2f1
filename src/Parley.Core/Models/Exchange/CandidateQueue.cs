namespace Parley.Core.Models.Exchange;

/// <summary>
/// The order in which the fast kernel executes candidates: best gain first, equal gains in creation order (decide's
/// stable sort; docs/decisions.md says where its history-dependent order can differ). Built for a round's millions of
/// candidates of which few are executed and most are dropped before their turn:
/// <list type="bullet">
/// <item>entries sit in buckets by the leading bits of their gain (256 per binade): the candidates as formed by a
/// counting sort, O(N); a candidate whose gain changed is appended to its new bucket's list, O(1);</item>
/// <item>a bucket is sorted only when the cursor reaches it, and only its entries that are still current (the
/// candidate alive, its stamp, bumped on every change, unchanged since the entry was made);</item>
/// <item>a changed gain at or above the cursor's bucket goes on a small binary heap instead.</item>
/// </list>
/// The best candidate is the better of the cursor's and the heap's heads. Dead candidates are never removed, only skipped.
/// </summary>
internal sealed class CandidateQueue
{
    /// <summary>Bucket = the sign, exponent and leading 8 mantissa bits of a non-negative double: 256 buckets per binade.</summary>
    private const int BucketShift = 44;

    private ulong[] _alive = [], _fresh = [];
    private readonly Func<int, int> _stamp;

    // the candidates as formed, by bucket
    private double[] _bucketGain = [];
    private int[] _bucketId = [];
    private int[] _bucketStart = [];
    private long _minKey;
    private int _bucket; // the cursor's bucket, counting down; −1 when done

    // changed gains below the cursor's bucket: a linked list per bucket
    private int[] _pushedHead = [];
    private Entry[] _pushed = [];
    private int[] _pushedNext = [];
    private int _pushedCount;

    private Entry[] _sorted = [];
    private int _sortedCount, _sortedPos;

    private Entry[] _heap = new Entry[64];
    private int _heapCount;

    private readonly record struct Entry(double Gain, int Id, int Stamp);

    /// <param name="stamp">A candidate's stamp: 0 while its gain is the one it was formed with, bumped on every change.</param>
    public CandidateQueue(Func<int, int> stamp) => _stamp = stamp;

    /// <summary>Starts a round with the candidates <paramref name="ids"/> (in creation order) and their gains <paramref name="gains"/>.</summary>
    /// <param name="alive">A bit per candidate, set while it may still be executed.</param>
    /// <param name="fresh">A bit per candidate, set while it is alive and its stamp is 0.</param>
    public void Reset(ReadOnlySpan<int> ids, ReadOnlySpan<double> gains, ulong[] alive, ulong[] fresh)
    {
        _alive = alive;
        _fresh = fresh;
        _heapCount = 0;
        _sortedCount = _sortedPos = 0;
        _pushedCount = 0;
        int count = ids.Length;
        if (count == 0)
        {
            _bucket = -1;
            return;
        }
        long min = long.MaxValue, max = long.MinValue;
        foreach (double g in gains)
        {
            long key = Key(g);
            if (key < min) min = key;
            if (key > max) max = key;
        }
        _minKey = min;
        int buckets = checked((int)(max - min + 1));
        Grow(ref _bucketStart, buckets + 1);
        Array.Clear(_bucketStart, 0, buckets + 1);
        Grow(ref _pushedHead, buckets);
        Array.Fill(_pushedHead, -1, 0, buckets);
        foreach (double g in gains) _bucketStart[Key(g) - min + 1]++;
        for (int b = 0; b < buckets; b++) _bucketStart[b + 1] += _bucketStart[b];
        Grow(ref _bucketGain, count);
        Grow(ref _bucketId, count);
        // scatter in creation order (stable): _bucketStart[b] ends as the end of bucket b, then is restored below
        for (int t = 0; t < count; t++)
        {
            int at = _bucketStart[Key(gains[t]) - min]++;
            _bucketGain[at] = gains[t];
            _bucketId[at] = ids[t];
        }
        for (int b = buckets; b > 0; b--) _bucketStart[b] = _bucketStart[b - 1];
        _bucketStart[0] = 0;
        _bucket = buckets; // the first Refill moves to bucket buckets − 1
    }

    private static long Key(double gain) => BitConverter.DoubleToInt64Bits(gain) >> BucketShift;

    /// <summary>A candidate's new gain (its stamp already bumped by the caller).</summary>
    public void Push(int id, double gain)
    {
        var e = new Entry(gain, id, _stamp(id));
        // below every bucket: into the lowest, where the sort puts it last
        int b = (int)Math.Clamp(Key(gain) - _minKey, 0, int.MaxValue);
        if (b < _bucket)
        {
            if (_pushedCount == _pushed.Length)
            {
                Array.Resize(ref _pushed, Math.Max(1024, _pushed.Length * 2));
                Array.Resize(ref _pushedNext, _pushed.Length);
            }
            _pushed[_pushedCount] = e;
            _pushedNext[_pushedCount] = _pushedHead[b];
            _pushedHead[b] = _pushedCount++;
            return;
        }
        if (_heapCount == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
        int i = _heapCount++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Better(e, _heap[parent])) break;
            _heap[i] = _heap[parent];
            i = parent;
        }
        _heap[i] = e;
    }

    /// <summary>The best live candidate without removing it; false when none is left.</summary>
    public bool TryPeek(out int id, out double gain)
    {
        while (_heapCount > 0 && IsStale(_heap[0])) RemoveHeapTop();
        bool fromCursor = CursorHead(out var c);
        if (_heapCount > 0 && (!fromCursor || Better(_heap[0], c)))
        {
            (id, gain) = (_heap[0].Id, _heap[0].Gain);
            return true;
        }
        (id, gain) = (c.Id, c.Gain);
        return fromCursor;
    }

    /// <summary>Removes the candidate <see cref="TryPeek"/> returned.</summary>
    public void Pop(int id)
    {
        if (_heapCount > 0 && _heap[0].Id == id && !IsStale(_heap[0])) RemoveHeapTop();
        else _sortedPos++;
    }

    /// <summary>
    /// Whether an entry no longer stands for its candidate (dead, or its gain changed since): for an entry of the
    /// candidates as formed (stamp 0) one fresh bit says it; a pushed entry compares stamps.
    /// </summary>
    private bool IsStale(in Entry e) => e.Stamp == 0
        ? !FastExchangeRound.HasBit(_fresh, e.Id)
        : !FastExchangeRound.HasBit(_alive, e.Id) || _stamp(e.Id) != e.Stamp;

    private bool CursorHead(out Entry head)
    {
        while (true)
        {
            while (_sortedPos < _sortedCount)
            {
                if (!IsStale(_sorted[_sortedPos]))
                {
                    head = _sorted[_sortedPos];
                    return true;
                }
                _sortedPos++;
            }
            if (_bucket <= 0)
            {
                _bucket = -1;
                head = default;
                return false;
            }
            Refill(--_bucket);
        }
    }

    /// <summary>Loads bucket <paramref name="b"/>'s current entries, best first.</summary>
    private void Refill(int b)
    {
        int from = _bucketStart[b], to = _bucketStart[b + 1];
        _sortedCount = 0;
        _sortedPos = 0;
        Grow(ref _sorted, to - from);
        for (int i = from; i < to; i++)
        {
            var e = new Entry(_bucketGain[i], _bucketId[i], 0);
            if (!IsStale(e)) _sorted[_sortedCount++] = e;
        }
        for (int u = _pushedHead[b]; u >= 0; u = _pushedNext[u])
        {
            if (IsStale(_pushed[u])) continue;
            if (_sortedCount == _sorted.Length) Array.Resize(ref _sorted, _sorted.Length * 2);
            _sorted[_sortedCount++] = _pushed[u];
        }
        _sorted.AsSpan(0, _sortedCount).Sort(new BestFirst());
    }

    private void RemoveHeapTop()
    {
        var last = _heap[--_heapCount];
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= _heapCount) break;
            if (child + 1 < _heapCount && Better(_heap[child + 1], _heap[child])) child++;
            if (!Better(_heap[child], last)) break;
            _heap[i] = _heap[child];
            i = child;
        }
        if (_heapCount > 0) _heap[i] = last;
    }

    /// <summary>Larger gain first; equal gains in creation order.</summary>
    private static bool Better(in Entry a, in Entry b) => a.Gain > b.Gain || (a.Gain == b.Gain && a.Id < b.Id);

    private readonly struct BestFirst : IComparer<Entry>
    {
        public int Compare(Entry a, Entry b) => Better(a, b) ? -1 : Better(b, a) ? 1 : 0;
    }

    /// <summary>Makes room for <paramref name="size"/> elements, dropping the contents.</summary>
    private static void Grow<T>(ref T[] array, int size)
    {
        if (array.Length < size) array = new T[Math.Max(size, array.Length * 2)];
    }
}
