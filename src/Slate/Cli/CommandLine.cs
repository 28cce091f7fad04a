namespace Slate.Cli;

/// <summary>`slate [command]`: the server by default, and Zou's maintenance commands.</summary>
public static class CommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-') && args[0] is not ("--help" or "-h"))
            return await Serve(args);
        if (args[0] == "serve") return await Serve(args[1..]);
        Console.Error.WriteLine($"Unknown command '{args[0]}'. Run `slate --help`.");
        return 2;
    }

    static async Task<int> Serve(string[] args)
    {
        var app = Server.Build(args);
        await app.RunAsync();
        return 0;
    }
}
