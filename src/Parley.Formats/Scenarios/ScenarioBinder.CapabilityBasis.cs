using Parley.Core.Power;

namespace Parley.Formats.Scenarios;

internal sealed partial class ScenarioBinder
{
    /// <summary>The optional top-level <c>capability_basis</c>: resources, voting-power, mix or mix:ALPHA.</summary>
    private CapabilityBasis? BindCapabilityBasis(FieldMap top)
    {
        if (top.Text("capability_basis", allowed: CapabilityBasis.Allowed) is not { } text) return null;
        if (CapabilityBasis.Parse(text) is { } basis) return basis;
        _context.Error(top.Get("capability_basis")!, "capability_basis", $"'{text}' is not a capability basis", CapabilityBasis.Allowed);
        return null;
    }
}
