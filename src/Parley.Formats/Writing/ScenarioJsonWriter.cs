using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Parley.Core.Domain;
using Parley.Formats.Documents;

namespace Parley.Formats.Writing;

/// <summary>Writes a scenario as JSON in the same schema as the YAML (docs/scenario-format.md).</summary>
public static class ScenarioJsonWriter
{
    public static string Write(Scenario scenario)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions
               {
                   Indented = true,
                   Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
        {
            WriteNode(json, ScenarioDocument.From(scenario));
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteNode(Utf8JsonWriter json, LocatedNode node)
    {
        switch (node)
        {
            case MappingNode map:
                json.WriteStartObject();
                foreach (var (key, value) in map.Entries)
                {
                    json.WritePropertyName(key.Text);
                    WriteNode(json, value);
                }
                json.WriteEndObject();
                break;
            case SequenceNode seq:
                json.WriteStartArray();
                foreach (var item in seq.Items) WriteNode(json, item);
                json.WriteEndArray();
                break;
            case ScalarNode { Quoted: true } s:
                json.WriteStringValue(s.Text);
                break;
            case ScalarNode s when s.Text is "true" or "false":
                json.WriteBooleanValue(s.Text == "true");
                break;
            case ScalarNode s:
                json.WriteRawValue(s.Text);
                break;
        }
    }
}
