using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Parley.Contracts.V1;

/// <summary>Writes a V1 document as the CLI prints it (source-generated serialiser, <see cref="JsonLayout"/>).</summary>
public static class ContractJson
{
    public static string Write(RunDocument document) => Write(document, ContractJsonContext.Default.RunDocument);
    public static string Write(AnalyzeDocument document) => Write(document, ContractJsonContext.Default.AnalyzeDocument);
    public static string Write(ExplainDocument document) => Write(document, ContractJsonContext.Default.ExplainDocument);
    public static string Write(BacktestDocument document) => Write(document, ContractJsonContext.Default.BacktestDocument);
    public static string Write(ModelsDocument document) => Write(document, ContractJsonContext.Default.ModelsDocument);

    private static string Write<T>(T document, JsonTypeInfo<T> info) => JsonLayout.Format(JsonSerializer.SerializeToUtf8Bytes(document, info));
}
