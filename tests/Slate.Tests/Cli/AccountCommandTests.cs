using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Security;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Cli;

public sealed class AccountCommandTests : IAsyncLifetime
{
    readonly CommandRunner slate = new();
    public Task InitializeAsync() => slate.InitializeAsync();
    public Task DisposeAsync() => slate.DisposeAsync();

    Task<Person?> Person(string email) => slate.WithDb(db => db.Persons.SingleOrDefaultAsync(p => p.Email == email));

    [Fact]
    public async Task Create_admin_makes_an_active_admin_whose_password_verifies()
    {
        var result = await slate.Run("create-admin", "boss@studio.com", "--password", "correct horse");

        Assert.Equal(0, result.ExitCode);
        var admin = await Person("boss@studio.com");
        Assert.NotNull(admin);
        Assert.Equal("admin", admin.Role);
        Assert.True(admin.Active);
        Assert.False(admin.IsBot);
        Assert.Equal(("Super", "Admin"), (admin.FirstName, admin.LastName));
        Assert.Equal(("Europe/Paris", "en_US"), (admin.Timezone, admin.Locale));
        Assert.True(Passwords.Verify("correct horse", admin.Password));
        Assert.False(Passwords.Verify("wrong horse", admin.Password));
        Assert.DoesNotContain("correct horse", result.Output);
    }

    [Fact]
    public async Task Create_admin_without_a_password_prints_a_strong_one_that_works()
    {
        var result = await slate.Run("create-admin", "boss@studio.com");

        Assert.Equal(0, result.ExitCode);
        var password = result.Output.Split('\n').Single(line => line.StartsWith("Password: "))["Password: ".Length..].Split(' ')[0];
        Assert.True(password.Length >= 20);
        Assert.True(Passwords.Verify(password, (await Person("boss@studio.com"))!.Password));
    }

    [Fact]
    public async Task Create_admin_refuses_an_email_already_in_use()
    {
        Assert.Equal(0, (await slate.Run("create-admin", "boss@studio.com", "--password", "first-password")).ExitCode);

        var again = await slate.Run("create-admin", "boss@studio.com", "--password", "second-password");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("Email already in use.", again.Error);
        Assert.True(Passwords.Verify("first-password", (await Person("boss@studio.com"))!.Password));
    }

    [Theory]
    [InlineData("boss@studio.com", "short", "Password is too short.")]
    [InlineData("not-an-email", "long-enough", "An email address must have an @-sign.")]
    [InlineData("boss@studio", "long-enough", "The part after the @-sign is not valid. It should have a period.")]
    public async Task Create_admin_refuses_what_Zou_refuses(string email, string password, string message)
    {
        var result = await slate.Run("create-admin", email, "--password", password);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Equal(0, await slate.WithDb(db => db.Persons.CountAsync()));
    }

    [Fact]
    public async Task Change_password_replaces_the_old_one()
    {
        await slate.Run("create-admin", "boss@studio.com", "--password", "old-password");

        var result = await slate.Run("change-password", "boss@studio.com", "--password", "new-password");

        Assert.Equal(0, result.ExitCode);
        var hash = (await Person("boss@studio.com"))!.Password;
        Assert.True(Passwords.Verify("new-password", hash));
        Assert.False(Passwords.Verify("old-password", hash));
    }

    [Fact]
    public async Task Change_password_refuses_a_short_password_and_an_unknown_person()
    {
        await slate.Run("create-admin", "boss@studio.com", "--password", "old-password");

        var tooShort = await slate.Run("change-password", "boss@studio.com", "--password", "1234567");
        var unknown = await slate.Run("change-password", "nobody@studio.com", "--password", "new-password");

        Assert.Equal((1, 1), (tooShort.ExitCode, unknown.ExitCode));
        Assert.Contains("Password is too short.", tooShort.Error);
        Assert.Contains("nobody@studio.com", unknown.Error);
        Assert.True(Passwords.Verify("old-password", (await Person("boss@studio.com"))!.Password));
    }
}

public sealed class AccountSettingsTests : IAsyncLifetime
{
    readonly CommandRunner slate = new(new Dictionary<string, string?> { ["USER_LIMIT"] = "1", ["MIN_PASSWORD_LENGTH"] = "12" });
    public Task InitializeAsync() => slate.InitializeAsync();
    public Task DisposeAsync() => slate.DisposeAsync();

    [Fact]
    public async Task Min_password_length_and_user_limit_come_from_the_settings()
    {
        var tooShort = await slate.Run("create-admin", "boss@studio.com", "--password", "eleven-char");
        var first = await slate.Run("create-admin", "boss@studio.com", "--password", "twelve-chars");
        var overLimit = await slate.Run("create-admin", "second@studio.com", "--password", "twelve-chars");

        Assert.Equal((1, 0, 1), (tooShort.ExitCode, first.ExitCode, overLimit.ExitCode));
        Assert.Contains("Password is too short.", tooShort.Error);
        Assert.Contains("User limit reached.", overLimit.Error);
    }
}
