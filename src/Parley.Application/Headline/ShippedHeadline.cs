using Parley.Backtest.Headline;
using Parley.Core.Power;

namespace Parley.Application.Headline;

/// <summary>
/// The headline forecast as shipped: the model the selection of docs/headline.md chose on all the training data, frozen
/// here so every forecast uses it. Recompute with <see cref="Command"/> (DEU III is not in the repository; see
/// docs/accuracy.md for where to get it); <c>ShippedHeadlineTests</c> checks these constants equal what the fit
/// produces whenever the data are present. Never refit on a case decided after 2021 or on the Hague 2025 scenario.
/// </summary>
public static class ShippedHeadline
{
    /// <summary>The command whose output these constants are (seed 20250624, 10 folds).</summary>
    public const string Command = "parley backtest deu3.csv data/cases/ --fit-headline";

    /// <summary>What the model was fitted on.</summary>
    public const string TrainingData = "DEU III (351 EU legislative issues) and the Parley corpus of 33 consensus issues decided before 2022";

    public static HeadlineSpec Spec { get; } = new(new Dictionary<HeadlineRuleGroup, HeadlineModel>
    {
        [HeadlineRuleGroup.Consensus] = new HeadlineModel(
            new CompromiseCombination(CapabilityBasis.Mix(0.5)),
            new HeadlineInterval(IntervalScaling.Dispersion,
                [-2.6416989585213444, -1.5087894518884972, -1.0400019131654117, -0.7982876804551655,
                 -0.6518944611787459, -0.5920853696504365, -0.539442627555023, -0.42472130221371257,
                 -0.2576510880866322, -0.12636873969062107, 0, 0.12636873969062107, 0.2576510880866322,
                 0.42472130221371257, 0.539442627555023, 0.5920853696504365, 0.6518944611787459, 0.7982876804551655,
                 1.0400019131654117, 1.5087894518884972, 2.6416989585213444])),
        [HeadlineRuleGroup.Majority] = new HeadlineModel(
            new ConvexCombination(CapabilityBasis.Resources, [0.8, 0, 0.2]),
            new HeadlineInterval(IntervalScaling.Dispersion,
                [-3.6049074755609496, -1.4753798272207428, -1.1735690525523346, -0.8794443533012479,
                 -0.6958289456164312, -0.5040419522966287, -0.3949696851830239, -0.2594064552271052,
                 -0.16378642715352848, -0.07816625224349981, 0, 0.07816625224349981, 0.16378642715352848,
                 0.2594064552271052, 0.3949696851830239, 0.5040419522966287, 0.6958289456164312, 0.8794443533012479,
                 1.1735690525523346, 1.4753798272207428, 3.6049074755609496])),
    });
}
