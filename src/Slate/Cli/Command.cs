namespace Slate.Cli;

/// <summary>One subcommand of `slate`: its name, its help, and what it does.</summary>
public abstract class Command
{
    public abstract string Name { get; }
    /// <summary>One line for `slate --help`.</summary>
    public abstract string Summary { get; }
    /// <summary>What follows the name, e.g. "EMAIL [--password PASSWORD]".</summary>
    public abstract string Usage { get; }
    /// <summary>What `slate NAME --help` adds under the usage line.</summary>
    public abstract string Details { get; }

    /// <summary>Returns the process exit code: 0 done, 1 refused, 2 misused.</summary>
    public abstract Task<int> Run(string[] args, CommandContext context);

    public void WriteHelp(TextWriter output)
    {
        output.WriteLine($"Usage: slate {Name} {Usage}".TrimEnd());
        output.WriteLine();
        output.WriteLine(Summary);
        if (Details.Length > 0)
        {
            output.WriteLine();
            output.WriteLine(Details);
        }
    }
}

/// <summary>Arguments a command cannot read; the command line answers with its usage and exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// A command's arguments: positional values in order, and options written `--name value` or
/// `--name=value`. Anything the command did not declare is a usage error.
/// </summary>
public sealed class Arguments
{
    readonly List<string> positional = [];
    readonly Dictionary<string, string> options = [];

    /// <param name="positionalNames">Names of the required positional values, for error messages.</param>
    /// <param name="optionNames">Accepted options, each with its short alias or null.</param>
    public static Arguments Parse(string[] args, string[] positionalNames, params (string Name, string? Alias)[] optionNames)
    {
        var parsed = new Arguments();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-'))
            {
                parsed.positional.Add(arg);
                continue;
            }
            var (flag, inline) = arg.Split('=', 2) is [var f, var v] ? (f, v) : (arg, null);
            var option = optionNames.FirstOrDefault(o => flag == "--" + o.Name || (o.Alias is not null && flag == "-" + o.Alias));
            if (option.Name is null) throw new UsageException($"Unknown option '{flag}'.");
            parsed.options[option.Name] = inline ?? (i + 1 < args.Length ? args[++i] : throw new UsageException($"Option '{flag}' needs a value."));
        }
        if (parsed.positional.Count < positionalNames.Length)
            throw new UsageException($"Missing {positionalNames[parsed.positional.Count]}.");
        if (parsed.positional.Count > positionalNames.Length)
            throw new UsageException($"Unexpected argument '{parsed.positional[positionalNames.Length]}'.");
        return parsed;
    }

    public string this[int index] => positional[index];

    public string? Option(string name) => options.GetValueOrDefault(name);
}
