using System.Text.Json;

namespace Parley.Contracts.Tests;

/// <summary>
/// The field paths of a JSON document: every object key, dotted from the root, with array indices collapsed to [] —
/// e.g. <c>issues[].models.eum.rounds[].moves[].text</c>. Dictionary keys (actor ids, model names) are paths too.
/// </summary>
internal static class JsonPaths
{
    internal static SortedSet<string> Of(string json)
    {
        using var document = JsonDocument.Parse(json);
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        Walk(document.RootElement, "", paths);
        return paths;
    }

    private static void Walk(JsonElement element, string path, SortedSet<string> paths)
    {
        if (element.ValueKind == JsonValueKind.Object)
            foreach (var property in element.EnumerateObject())
            {
                var child = path.Length == 0 ? property.Name : path + "." + property.Name;
                paths.Add(child);
                Walk(property.Value, child, paths);
            }
        else if (element.ValueKind == JsonValueKind.Array)
            foreach (var item in element.EnumerateArray())
                Walk(item, path + "[]", paths);
    }
}
