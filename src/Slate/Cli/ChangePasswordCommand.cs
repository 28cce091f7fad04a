using Slate.Http;
using Slate.Security;

namespace Slate.Cli;

/// <summary>`change-password EMAIL --password PASSWORD`: sets a person's password.</summary>
public sealed class ChangePasswordCommand : Command
{
    public override string Name => "change-password";
    public override string Summary => "Set the password of the person with this e-mail.";
    public override string Usage => "EMAIL --password PASSWORD";
    public override string Details => """
        --password PASSWORD  the new password, at least MIN_PASSWORD_LENGTH characters (8 by default).
        """;

    public override Task<int> Run(string[] args, CommandContext context)
    {
        var arguments = Arguments.Parse(args, ["EMAIL"], ("password", null));
        var password = arguments.Option("password") ?? throw new UsageException("Missing --password.");
        return context.WithServices(async services =>
        {
            try
            {
                await services.GetRequiredService<Accounts>().ChangePassword(arguments[0], password, context.Stop);
            }
            catch (NotFoundException)
            {
                context.Error.WriteLine($"No person has the e-mail {arguments[0]}.");
                return 1;
            }
            context.Out.WriteLine($"Password changed for {arguments[0]}.");
            return 0;
        });
    }
}
