using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Parley.Cli;

/// <summary>
/// The command line's own parse errors in Parley's words: one message per problem, options and values named as typed,
/// no .NET type names, and an unknown command answered once with the list of commands.
/// </summary>
internal static partial class UsageErrors
{
    /// <summary>The messages to print for a parse that failed or that took an unknown option as an argument (empty: none).</summary>
    public static IReadOnlyList<string> Messages(ParseResult parse, RootCommand root)
    {
        var command = parse.CommandResult.Command;
        var commands = string.Join(", ", root.Subcommands.Select(c => c.Name));
        if (ReferenceEquals(command, root) && !HelpOrVersion(parse))
        {
            var first = parse.Tokens.FirstOrDefault();
            return [first is null
                ? $"no command given (commands: {commands}; see 'parley --help')"
                : first.Value.StartsWith('-')
                    ? $"unknown option '{first.Value}' (commands: {commands}; see 'parley --help')"
                    : $"unknown command '{first.Value}' (commands: {commands}; see 'parley --help')"];
        }
        var messages = parse.Errors.Select(e => Plain(e.Message, command)).Distinct().ToList();
        // An argument that takes several values (validate's files) swallows an unknown option: name it as one.
        foreach (var argument in parse.CommandResult.Children.OfType<ArgumentResult>())
            foreach (var token in argument.Tokens)
                if (token.Value.Length > 1 && token.Value.StartsWith('-') && !double.TryParse(token.Value, out _))
                    messages.Add(UnknownOption(token.Value, command));
        return messages.Distinct().ToArray();
    }

    private static bool HelpOrVersion(ParseResult parse) =>
        parse.Tokens.Any(t => t.Value is "--help" or "-h" or "-?" or "--version");

    private static string UnknownOption(string token, Command command) =>
        $"unknown option '{token}' for '{Path(command)}' (see 'parley {command.Name} --help')";

    private static string Path(Command command) => command is RootCommand ? "parley" : $"parley {command.Name}";

    /// <summary>System.CommandLine's message rewritten: type names as words, unrecognized tokens as unknown options.</summary>
    internal static string Plain(string message, Command command)
    {
        var cannotParse = CannotParse().Match(message);
        if (cannotParse.Success)
            return $"{cannotParse.Groups["option"].Value}: '{cannotParse.Groups["value"].Value}' is not {TypeWords(cannotParse.Groups["type"].Value)}";
        var unrecognized = Unrecognized().Match(message);
        if (unrecognized.Success)
        {
            var token = unrecognized.Groups["token"].Value;
            return token.StartsWith('-')
                ? UnknownOption(token, command)
                : $"unexpected argument '{token}' for '{Path(command)}' (see 'parley {command.Name} --help')";
        }
        return TypeName().Replace(message, m => TypeWords(m.Value));
    }

    /// <summary>A .NET type name (possibly Nullable`1[...]) in words a user reads.</summary>
    internal static string TypeWords(string typeName)
    {
        var inner = TypeName().Match(typeName) is { Success: true } m ? m.Groups["name"].Value : typeName;
        return inner switch
        {
            "Int32" => "a whole number (at most 2147483647)",
            "Int64" => "a whole number",
            "UInt32" or "UInt64" => "a whole number ≥ 0",
            "Double" or "Single" or "Decimal" => "a number",
            "Boolean" => "true or false",
            _ => "a valid value",
        };
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (option|command|argument) '(?<option>[^']*)' as expected type '(?<type>[^']*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^Unrecognized command or argument '(?<token>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex Unrecognized();

    [GeneratedRegex(@"System\.(Nullable`1\[)?System\.(?<name>\w+)\]?|System\.(?<name>\w+)")]
    private static partial Regex TypeName();
}
