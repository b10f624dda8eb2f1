namespace Parley.Core.Models.Exchange;

/// <summary>
/// Tests only: counts, in the fast kernel, the round properties that a lazier kernel would rely on, checked at every
/// execution and re-sizing (docs/performance.md, "Exchange model"). Null in normal runs (no cost but a null test).
/// </summary>
internal sealed class ExchangeRoundProbe
{
    public long Executions, Resizes, PassedDrops;

    /// <summary>
    /// An executed side whose vote moved back toward its own side of the round's outcome (property "votes move one
    /// way within a round"; zero on every case tried).
    /// </summary>
    public long MovesAgainstDirection;

    /// <summary>
    /// A candidate dropped because its supplier passed its partner, or kept although it did, where the O(1) test on
    /// the current votes (round-start preference and current vote on different sides of the partner) disagrees.
    /// </summary>
    public long PassedTestDisagreements;

    /// <summary>An executed move that carried a vote more than <see cref="FastExchangeRound.Eps"/> past its partner's position (a capped move can).</summary>
    public long MovesPastPartner;

    /// <summary>A sizing in which decide's outcome cap gave a larger gain than the uncapped equal gain (so that is no upper bound).</summary>
    public long CapRaisedGain;

    /// <summary>A re-sizing after an execution that gave the candidate a larger gain than it had.</summary>
    public long GainRose;
}
