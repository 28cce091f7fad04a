// Entry point: `slate [command]`. With no command (or only --options) the server starts.
return await Slate.Cli.CommandLine.RunAsync(args);

/// <summary>Named so the test host (WebApplicationFactory) can find the entry point.</summary>
public partial class Program;
