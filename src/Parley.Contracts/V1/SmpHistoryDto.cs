namespace Parley.Contracts.V1;

/// <summary>
/// The SMP's run, written once under <c>shared.smp</c> (every issue's smp entry shared it before): the issues it covered
/// (the order of every position array), every state (0 = the inputs) and the bargains of each round.
/// </summary>
public sealed record SmpHistoryDto(
    IReadOnlyList<string> Issues,
    IReadOnlyList<SmpStateDto> States,
    IReadOnlyList<SmpRoundBargainsDto> Bargains);

public sealed record SmpStateDto(int State, IReadOnlyDictionary<string, double[]> Positions, IReadOnlyDictionary<string, double> Probabilities);

public sealed record SmpRoundBargainsDto(int Round, IReadOnlyList<SmpBargainDto> Proposals);

public sealed record SmpBargainDto(
    string Initiator,
    string Receiver,
    double[] InitiatorPosition,
    double[] ReceiverPosition,
    double Gain,
    double InitiatorQueueProbability,
    bool ChosenByInitiator,
    double ReceiverQueueProbability,
    bool ChosenByReceiver);
