using Slate.Cli;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Cli;

public sealed class HelpTests : IAsyncLifetime
{
    readonly CommandRunner slate = new();
    public Task InitializeAsync() => slate.InitializeAsync();
    public Task DisposeAsync() => slate.DisposeAsync();

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_lists_every_command(string flag)
    {
        var result = await slate.Run(flag);

        Assert.Equal(0, result.ExitCode);
        foreach (var name in new[] { "serve", "init-db", "upgrade-db", "create-admin", "change-password", "init-data", "worker" })
            Assert.Contains($"  {name} ", result.Output);
    }

    [Fact]
    public async Task Each_command_has_its_own_help()
    {
        foreach (var command in CommandLine.Commands)
        {
            var result = await slate.Run(command.Name, "--help");

            Assert.Equal(0, result.ExitCode);
            Assert.StartsWith($"Usage: slate {command.Name}", result.Output);
            Assert.Contains(command.Summary, result.Output);
        }
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var result = await slate.Run("frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown command 'frobnicate'", result.Error);
    }

    [Theory]
    [InlineData("create-admin")]
    [InlineData("create-admin", "a@studio.com", "--color", "red")]
    [InlineData("change-password", "a@studio.com")]
    [InlineData("init-data", "--domain", "opera")]
    [InlineData("init-db", "extra")]
    public async Task Wrong_arguments_print_the_usage_and_exit_2(params string[] args)
    {
        var result = await slate.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Usage: slate {args[0]}", result.Error);
    }
}
