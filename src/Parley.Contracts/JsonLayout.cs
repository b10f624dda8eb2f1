using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Parley.Contracts;

/// <summary>
/// The layout of every `--json` document: indented by two spaces, except that an object or array whose members are all
/// scalars or arrays of scalars is written on one line (<c>{"a": 1, "b": [1, 2]}</c>): one record per line (an EUM move,
/// an SMP bargain, a tornado bar), position vectors and actor maps inline. Indenting every number of the bundled
/// scenario's SMP history would make `run --json` several times larger for no reader's benefit (docs/cli.md).
/// Values are copied byte for byte from the serialiser's output (numbers and string escapes unchanged); newlines are \n.
/// </summary>
public static class JsonLayout
{
    public static string Format(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var output = new ArrayBufferWriter<byte>(json.Length + json.Length / 2);
        Write(output, document.RootElement, 0, inline: false);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void Write(ArrayBufferWriter<byte> output, JsonElement element, int depth, bool inline)
    {
        if (IsScalar(element))
        {
            output.Write(JsonMarshal.GetRawUtf8Value(element));
            return;
        }
        inline = inline || Members(element).All(m => IsFlat(m.Value));
        bool isObject = element.ValueKind == JsonValueKind.Object;
        output.Write(isObject ? "{"u8 : "["u8);
        bool first = true;
        foreach (var (name, value) in Members(element))
        {
            if (!first) output.Write(inline ? ", "u8 : ","u8);
            first = false;
            if (!inline) NewLine(output, depth + 1);
            if (name is { } property) WriteName(output, property);
            Write(output, value, depth + 1, inline);
        }
        if (!inline) NewLine(output, depth);
        output.Write(isObject ? "}"u8 : "]"u8);
    }

    /// <summary>An object's properties (name and value) or an array's items (no name).</summary>
    private static IEnumerable<(JsonProperty? Name, JsonElement Value)> Members(JsonElement container) =>
        container.ValueKind == JsonValueKind.Object
            ? container.EnumerateObject().Select(p => ((JsonProperty?)p, p.Value))
            : container.EnumerateArray().Select(v => ((JsonProperty?)null, v));

    /// <summary>What may sit on a one-line container: a scalar, an array of scalars, an empty object.</summary>
    private static bool IsFlat(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => !element.EnumerateObject().Any(),
        JsonValueKind.Array => element.EnumerateArray().All(IsScalar),
        _ => true,
    };

    private static bool IsScalar(JsonElement element) => element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);

    private static void WriteName(ArrayBufferWriter<byte> output, JsonProperty property)
    {
        output.Write("\""u8);
        output.Write(JsonMarshal.GetRawUtf8PropertyName(property));
        output.Write("\": "u8);
    }

    private static void NewLine(ArrayBufferWriter<byte> output, int depth)
    {
        output.Write("\n"u8);
        for (int i = 0; i < depth; i++) output.Write("  "u8);
    }
}
