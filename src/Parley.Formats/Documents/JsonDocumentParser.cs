using System.Text;
using System.Text.Json;

namespace Parley.Formats.Documents;

/// <summary>
/// Parses JSON with <see cref="Utf8JsonReader"/> into the same located tree as YAML. Token byte offsets are turned
/// into line/column through a table of line starts, walking forward only, so the cost stays linear in the file size.
/// Comments and trailing commas are tolerated.
/// </summary>
public static class JsonDocumentParser
{
    public static ParsedDocument Parse(string file, string content)
    {
        if (string.IsNullOrWhiteSpace(content)) return new ParsedDocument(null, []); // reported as an empty file
        var bytes = Encoding.UTF8.GetBytes(content);
        var lines = new LineMap(bytes);
        var errors = new List<Diagnostic>();
        var builder = new TreeBuilder((mark, message) =>
        {
            if (errors.Count < Diagnostic.MaxCollected) errors.Add(new Diagnostic(file, mark.Line, mark.Column, "", message));
        });
        var mark = new Mark(1, 1);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = 256,
        });
        try
        {
            while (reader.Read())
            {
                mark = lines.At(reader.TokenStartIndex);
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject: builder.StartMapping(mark); break;
                    case JsonTokenType.StartArray: builder.StartSequence(mark); break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray: builder.End(); break;
                    case JsonTokenType.PropertyName or JsonTokenType.String:
                        builder.Add(new ScalarNode(mark, reader.GetString() ?? "", quoted: true));
                        break;
                    case JsonTokenType.Number:
                        builder.Add(new ScalarNode(mark, Encoding.UTF8.GetString(reader.ValueSpan), quoted: false));
                        break;
                    case JsonTokenType.True: builder.Add(new ScalarNode(mark, "true", quoted: false)); break;
                    case JsonTokenType.False: builder.Add(new ScalarNode(mark, "false", quoted: false)); break;
                    case JsonTokenType.Null: builder.Add(new ScalarNode(mark, "null", quoted: false)); break;
                }
            }
        }
        catch (JsonException e)
        {
            int line = (int)(e.LineNumber ?? 0) + 1;
            int column = (int)(e.BytePositionInLine ?? 0) + 1;
            errors.Add(new Diagnostic(file, line, column, "", "malformed JSON: " + Describe(e), "see docs/scenario-format.md"));
            return new ParsedDocument(null, errors);
        }
        catch (InvalidOperationException)
        {
            // GetString refuses a string holding an escaped lone surrogate ("\ud800"): text no encoding can carry.
            errors.Add(new Diagnostic(file, mark.Line, mark.Column, "", "malformed JSON: the string holds an unpaired surrogate escape (\\uD800–\\uDFFF)",
                "a \\uD800–\\uDBFF escape followed by a \\uDC00–\\uDFFF one, or the character itself"));
            return new ParsedDocument(null, errors);
        }
        return new ParsedDocument(builder.Root, errors);
    }

    private static string Describe(JsonException e)
    {
        // System.Text.Json appends " LineNumber: n | BytePositionInLine: m."; the location is printed separately.
        var message = e.Message;
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        return message.TrimEnd('.', ' ');
    }

    /// <summary>Maps increasing byte offsets to 1-based line and character column.</summary>
    private sealed class LineMap(byte[] bytes)
    {
        private int _line = 1;
        private int _lineStart;
        private int _lastOffset;
        private int _lastColumn = 1;

        public Mark At(long offset)
        {
            int target = (int)offset;
            if (target < _lastOffset) { _line = 1; _lineStart = 0; _lastOffset = 0; _lastColumn = 1; }
            for (int i = _lastOffset; i < target; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    _line++;
                    _lineStart = i + 1;
                    _lastOffset = i + 1;
                    _lastColumn = 1;
                }
            }
            // Count characters, not bytes, from the last known place on this line (continuation bytes 10xxxxxx don't start one).
            int column = _lastColumn;
            for (int i = Math.Max(_lastOffset, _lineStart); i < target; i++)
                if ((bytes[i] & 0xC0) != 0x80) column += bytes[i] >= 0xF0 ? 2 : 1;
            _lastOffset = target;
            _lastColumn = column;
            return new Mark(_line, column);
        }
    }
}
