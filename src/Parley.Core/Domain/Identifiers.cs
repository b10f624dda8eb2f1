namespace Parley.Core.Domain;

/// <summary>The identifier of an actor (a party to the negotiation), as written in the scenario.</summary>
public readonly record struct ActorId
{
    public ActorId(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException("An actor id must not be empty.", nameof(value));
        Value = value;
    }

    public string Value { get; }
    public override string ToString() => Value;
}

/// <summary>The identifier of an issue (one dimension of the negotiation), as written in the scenario.</summary>
public readonly record struct IssueId
{
    public IssueId(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException("An issue id must not be empty.", nameof(value));
        Value = value;
    }

    public string Value { get; }
    public override string ToString() => Value;
}
