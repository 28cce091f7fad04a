using Slate.Http;

namespace Slate.Cli;

/// <summary>`slate [command]`: the server by default, and Zou's maintenance commands.</summary>
public static class CommandLine
{
    static readonly Command Serve = new ServeCommand();

    public static readonly IReadOnlyList<Command> Commands =
    [
        Serve,
        SchemaCommand.InitDb(),
        SchemaCommand.UpgradeDb(),
        new CreateAdminCommand(),
        new ChangePasswordCommand(),
        new InitDataCommand(),
        new WorkerCommand(),
    ];

    public static Task<int> RunAsync(string[] args) => RunAsync(args, CommandContext.ForConsole());

    public static async Task<int> RunAsync(string[] args, CommandContext context)
    {
        if (args is ["--help" or "-h" or "help", ..])
        {
            WriteHelp(context.Out);
            return 0;
        }
        // No command, or options only (`slate --urls ...`): the server, so a plain start just works.
        var (command, rest) = args is [var first, ..] && !first.StartsWith('-')
            ? (Commands.FirstOrDefault(c => c.Name == first), args[1..])
            : (Serve, args);
        if (command is null)
        {
            context.Error.WriteLine($"Unknown command '{args[0]}'. Run `slate --help` for the list.");
            return 2;
        }
        if (rest.Any(arg => arg is "--help" or "-h"))
        {
            command.WriteHelp(context.Out);
            return 0;
        }
        try
        {
            return await command.Run(rest, context);
        }
        catch (UsageException e)
        {
            context.Error.WriteLine($"{e.Message} Usage: slate {command.Name} {command.Usage}".TrimEnd());
            return 2;
        }
        catch (WrongParameterException e)
        {
            // A rule refused it (e-mail in use, password too short...): say which, exit 1.
            context.Error.WriteLine(e.Message);
            return 1;
        }
    }

    static void WriteHelp(TextWriter output)
    {
        output.WriteLine($"""
            Slate {Settings.Version}: a production tracking server that speaks Zou's API (the server behind Kitsu).

            Usage: slate [command] [options]

            Commands:
            """);
        foreach (var command in Commands) output.WriteLine($"  {command.Name,-16} {command.Summary}");
        output.WriteLine("""

            `slate` alone runs `serve`. Run `slate COMMAND --help` for a command's options.
            Settings come from environment variables with Zou's names (DB_HOST, SECRET_KEY, ...)
            plus SLATE_DATA_DIR and SLATE_DB_CONNECTION; see docs/operations.md.
            """);
    }
}
