using System.Globalization;

namespace Slate.Bench.Load;

/// <summary>`--name value` options, and the positional arguments between them.</summary>
public sealed class Options
{
    readonly Dictionary<string, string> values = [];
    public List<string> Positional { get; } = [];

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        using var arg = args.GetEnumerator();
        while (arg.MoveNext())
        {
            var name = arg.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal)) options.Positional.Add(name);
            else options.values[name[2..]] = arg.MoveNext() ? arg.Current : throw new ArgumentException($"{name} needs a value.");
        }
        return options;
    }

    public string? Text(string name) => values.GetValueOrDefault(name);

    public string Required(string name) => Text(name) ?? throw new ArgumentException($"--{name} is required.");

    public double Number(string name, double fallback) =>
        Text(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
