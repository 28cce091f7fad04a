using Microsoft.Extensions.Configuration;

namespace Slate.Tests.Platform;

public class SettingsTests
{
    static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void Without_SECRET_KEY_a_strong_key_is_made_once_and_kept()
    {
        var dataDir = Directory.CreateTempSubdirectory("slate-settings-").FullName;
        try
        {
            var first = Settings.FromConfiguration(Config(("SLATE_DATA_DIR", dataDir)));
            var second = Settings.FromConfiguration(Config(("SLATE_DATA_DIR", dataDir)));

            Assert.True(first.SecretKey.Length >= 64);
            Assert.NotEqual("mysecretkey", first.SecretKey);
            Assert.Equal(first.SecretKey, second.SecretKey);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dataDir, "secret_key")));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public void Zou_database_variables_select_PostgreSQL()
    {
        var dataDir = Directory.CreateTempSubdirectory("slate-settings-").FullName;
        try
        {
            var sqlite = Settings.FromConfiguration(Config(("SLATE_DATA_DIR", dataDir), ("SECRET_KEY", "k")));
            Assert.Null(sqlite.PostgresConnection);
            Assert.Equal(Path.Combine(dataDir, "slate.db"), sqlite.SqlitePath);

            var postgres = Settings.FromConfiguration(Config(
                ("SLATE_DATA_DIR", dataDir), ("SECRET_KEY", "k"), ("DB_HOST", "db.local"), ("DB_PORT", "6543"),
                ("DB_USERNAME", "zou"), ("DB_PASSWORD", "pw"), ("DB_DATABASE", "zoudb")));
            Assert.Contains("Host=db.local", postgres.PostgresConnection);
            Assert.Contains("Port=6543", postgres.PostgresConnection);
            Assert.Contains("Database=zoudb", postgres.PostgresConnection);
            Assert.Contains("Username=zou", postgres.PostgresConnection);
            var fast = new Npgsql.NpgsqlConnectionStringBuilder(postgres.PostgresConnection);
            Assert.Equal((64, 2, true), (fast.MaxAutoPrepare, fast.AutoPrepareMinUsages, fast.NoResetOnClose));

            var own = Settings.FromConfiguration(Config(("SLATE_DATA_DIR", dataDir), ("SECRET_KEY", "k"),
                ("SLATE_DB_CONNECTION", "Host=db.local;Database=studio;Max Auto Prepare=0")));
            var kept = new Npgsql.NpgsqlConnectionStringBuilder(own.PostgresConnection);
            Assert.Equal(("studio", 0, true), (kept.Database, kept.MaxAutoPrepare, kept.NoResetOnClose));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("T", true)]
    [InlineData("on", true)]
    [InlineData("0", false)]
    [InlineData("off", false)]
    [InlineData("maybe", false)]
    public void Booleans_read_like_Zou(string value, bool expected) =>
        Assert.Equal(expected, Settings.Flag(Config(("DEBUG", value)), "DEBUG", false));
}
