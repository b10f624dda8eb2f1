using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Contracts.V1;

/// <summary>
/// The source-generated serialiser of the V1 documents: snake_case names, dictionary keys (actor, issue, model and
/// anchor names) as written, NaN and ±Infinity as the named literals "NaN", "Infinity", "-Infinity".
/// Every model entry type is listed so that <see cref="ModelEntriesConverter"/> can write each by its runtime type.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunDocument))]
[JsonSerializable(typeof(AnalyzeDocument))]
[JsonSerializable(typeof(ExplainDocument))]
[JsonSerializable(typeof(BacktestDocument))]
[JsonSerializable(typeof(ModelsDocument))]
[JsonSerializable(typeof(ModelEntry))]
[JsonSerializable(typeof(NashEntry))]
[JsonSerializable(typeof(ConsensusEntry))]
[JsonSerializable(typeof(EumEntry))]
[JsonSerializable(typeof(SmpEntry))]
[JsonSerializable(typeof(ExchangeEntry))]
public sealed partial class ContractJsonContext : JsonSerializerContext;
