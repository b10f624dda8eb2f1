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
        Write(output, document.RootElement, 0);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void Write(ArrayBufferWriter<byte> output, JsonElement element, int depth)
    {
        if (OnOneLine(element))
        {
            WriteInline(output, element);
            return;
        }
        bool isObject = element.ValueKind == JsonValueKind.Object;
        output.Write(isObject ? "{\n"u8 : "[\n"u8);
        bool first = true;
        if (isObject)
            foreach (var property in element.EnumerateObject())
            {
                Separate(output, ref first, depth + 1);
                WriteName(output, property);
                Write(output, property.Value, depth + 1);
            }
        else
            foreach (var item in element.EnumerateArray())
            {
                Separate(output, ref first, depth + 1);
                Write(output, item, depth + 1);
            }
        output.Write("\n"u8);
        Indent(output, depth);
        output.Write(isObject ? "}"u8 : "]"u8);
    }

    private static void WriteInline(ArrayBufferWriter<byte> output, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                output.Write("{"u8);
                bool first = true;
                foreach (var property in element.EnumerateObject())
                {
                    if (!first) output.Write(", "u8);
                    first = false;
                    WriteName(output, property);
                    WriteInline(output, property.Value);
                }
                output.Write("}"u8);
                break;
            case JsonValueKind.Array:
                output.Write("["u8);
                bool firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!firstItem) output.Write(", "u8);
                    firstItem = false;
                    WriteInline(output, item);
                }
                output.Write("]"u8);
                break;
            default:
                output.Write(JsonMarshal.GetRawUtf8Value(element));
                break;
        }
    }

    /// <summary>Scalars, and containers whose members are all scalars or arrays of scalars (or empty).</summary>
    private static bool OnOneLine(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().All(p => IsFlat(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().All(IsFlat),
        _ => true,
    };

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

    private static void Separate(ArrayBufferWriter<byte> output, ref bool first, int depth)
    {
        if (!first) output.Write(",\n"u8);
        first = false;
        Indent(output, depth);
    }

    private static void Indent(ArrayBufferWriter<byte> output, int depth)
    {
        for (int i = 0; i < depth; i++) output.Write("  "u8);
    }
}
