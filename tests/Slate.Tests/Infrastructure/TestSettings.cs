using Microsoft.Extensions.Configuration;

namespace Slate.Tests.Infrastructure;

/// <summary>Server settings built from Zou's variable names, for tests of the layers under HTTP (storage, media).</summary>
public static class TestSettings
{
    public static Settings With(IDictionary<string, string> values) => Settings.FromConfiguration(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)))
        {
            ["SLATE_DATA_DIR"] = Path.Combine(Path.GetTempPath(), "slate-store-settings"),
            ["SECRET_KEY"] = "test-secret-key-that-is-long-enough-for-hs256",
        })
        .Build());
}
