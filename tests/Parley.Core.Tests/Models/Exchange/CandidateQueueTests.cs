using Parley.Core.Models.Exchange;
using Xunit;

namespace Parley.Core.Tests.Models.Exchange;

/// <summary>
/// The fast exchange kernel's order (<see cref="CandidateQueue"/>) against the definition: among the live candidates,
/// the largest gain first, equal gains in creation (id) order — whatever is killed, re-gained or pushed back between
/// pops, above, at or below the bucket being served, and below every bucket it started with.
/// </summary>
public class CandidateQueueTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Pops_follow_gain_then_creation_order_through_kills_and_changed_gains(int seed)
    {
        var rng = new Random(seed);
        int count = rng.Next(50, 3000);
        // a few distinct values force exact ties; the rest spread over many buckets and binades
        double Gain() => rng.Next(3) switch
        {
            0 => rng.Next(1, 6) * 0.125,
            1 => Math.Pow(10, -10 + 12 * rng.NextDouble()),
            _ => rng.NextDouble(),
        };
        var gain = new double[count];
        var alive = new ulong[(count + 63) / 64];
        var fresh = new ulong[alive.Length]; // alive with the gain it was formed with (the caller keeps it, as the kernel does)
        var stamp = new int[count];
        var ids = new List<int>();
        for (int id = 0; id < count; id++)
        {
            gain[id] = Gain();
            if (rng.Next(5) == 0) continue; // formed invalid: never queued
            alive[id >> 6] |= 1UL << id;
            fresh[id >> 6] |= 1UL << id;
            ids.Add(id);
        }
        var queue = new CandidateQueue(id => stamp[id]);
        queue.Reset(ids.ToArray(), ids.Select(id => gain[id]).ToArray(), alive, fresh);

        bool IsAlive(int id) => (alive[id >> 6] & (1UL << id)) != 0;
        int popped = 0;
        while (true)
        {
            var live = Enumerable.Range(0, count).Where(IsAlive).ToArray();
            bool any = queue.TryPeek(out int best, out double g);
            Assert.Equal(live.Length > 0, any);
            if (!any) break;
            int expected = live.OrderByDescending(id => gain[id]).ThenBy(id => id).First();
            Assert.Equal(expected, best);
            Assert.Equal(gain[expected], g);
            queue.Pop(best);
            alive[best >> 6] &= ~(1UL << best);
            fresh[best >> 6] &= ~(1UL << best);
            popped++;

            // between pops, as executions do: kill some, change some gains (up, down, below everything), push some back unchanged
            for (int t = rng.Next(0, 6); t > 0; t--)
            {
                int id = live[rng.Next(live.Length)];
                if (!IsAlive(id)) continue;
                fresh[id >> 6] &= ~(1UL << id); // killed or re-gained below
                switch (rng.Next(4))
                {
                    case 0:
                        alive[id >> 6] &= ~(1UL << id);
                        break;
                    case 1:
                        gain[id] = rng.Next(4) == 0 ? gain[id] * 1e-12 : Gain();
                        stamp[id]++;
                        queue.Push(id, gain[id]);
                        break;
                    case 2:
                        gain[id] = g * (0.5 + rng.NextDouble());
                        stamp[id]++;
                        queue.Push(id, gain[id]);
                        break;
                    default:
                        stamp[id]++;
                        queue.Push(id, gain[id]);
                        break;
                }
            }
        }
        Assert.True(popped > 10);
    }
}
