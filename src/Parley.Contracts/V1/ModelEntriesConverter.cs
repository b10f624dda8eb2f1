using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Contracts.V1;

/// <summary>
/// An issue's <c>models</c> object: each entry is written as its own DTO type (no type discriminator in the JSON) and
/// read back by its key, the model's name, which fixes the type.
/// </summary>
public sealed class ModelEntriesConverter : JsonConverter<IReadOnlyDictionary<string, ModelEntry>>
{
    /// <summary>The entry type of each model with more than the plain entry; any other name reads as <see cref="ModelEntry"/>.</summary>
    private static readonly Dictionary<string, Type> EntryTypes = new()
    {
        ["nash"] = typeof(NashEntry),
        ["consensus"] = typeof(ConsensusEntry),
        ["eum"] = typeof(EumEntry),
        ["smp"] = typeof(SmpEntry),
        ["exchange"] = typeof(ExchangeEntry),
    };

    public override IReadOnlyDictionary<string, ModelEntry> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("models: expected an object");
        var entries = new Dictionary<string, ModelEntry>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var type = EntryTypes.GetValueOrDefault(name, typeof(ModelEntry));
            entries[name] = (ModelEntry)(JsonSerializer.Deserialize(ref reader, options.GetTypeInfo(type))
                                         ?? throw new JsonException($"models.{name}: null entry"));
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("models: unterminated object");
        return entries;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, ModelEntry> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, entry) in value)
        {
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, entry, options.GetTypeInfo(entry.GetType()));
        }
        writer.WriteEndObject();
    }
}
