namespace Parley.Cluster;

/// <summary>The cluster could not run the job as asked (no worker, a bad --cluster value, another build): the message says what to do.</summary>
public sealed class ClusterException(string message, Exception? inner = null) : Core.ParleyException(message, inner)
{
    public override Core.ParleyErrorKind Kind => Core.ParleyErrorKind.InvalidRequest;
}
