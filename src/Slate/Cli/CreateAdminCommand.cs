using Slate.Security;

namespace Slate.Cli;

/// <summary>`create-admin EMAIL [--password PASSWORD]`: an admin account to start a studio with.</summary>
public sealed class CreateAdminCommand : Command
{
    public override string Name => "create-admin";
    public override string Summary => "Create an active admin account (\"Super Admin\") that can sign in and set up the studio.";
    public override string Usage => "EMAIL [--password PASSWORD]";
    public override string Details => """
        --password PASSWORD  its password (at least MIN_PASSWORD_LENGTH characters, 8 by default);
                             without it a random one is generated and printed once.
        Refused (exit code 1) when a person already has this e-mail.
        """;

    public override Task<int> Run(string[] args, CommandContext context)
    {
        var arguments = Arguments.Parse(args, ["EMAIL"], ("password", null));
        var generated = arguments.Option("password") is null;
        var password = arguments.Option("password") ?? Accounts.RandomPassword();
        return context.WithServices(async services =>
        {
            var admin = await services.GetRequiredService<Accounts>().CreateAdmin(arguments[0], password, context.Stop);
            context.Out.WriteLine($"Admin created: {admin.Email}");
            if (generated) context.Out.WriteLine($"Password: {password}  (shown only this once)");
            return 0;
        });
    }
}
