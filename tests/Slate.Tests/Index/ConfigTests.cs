using System.Net;
using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Index;

public class ConfigTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task Default_config_has_exactly_Zou_keys()
    {
        var response = await factory.CreateClient().GetAsync("/config");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Zou 1.0.67's answer on a default install (reference/zou-samples/index.json).
        var expected = new JsonObject
        {
            ["is_self_hosted"] = true,
            ["crisp_token"] = "",
            ["dark_theme_by_default"] = false,
            ["indexer_configured"] = false,
            ["saml_enabled"] = false,
            ["saml_idp_name"] = "",
            ["oidc_enabled"] = false,
            ["oidc_idp_name"] = "",
            ["default_locale"] = "en_US",
            ["default_timezone"] = "Europe/Paris",
            ["enforce_2fa"] = false,
        };
        Responses.AssertJsonEqual(expected, await response.ReadJsonObjectAsync());
    }
}

/// <summary>A server with every setting /config echoes changed from its default.</summary>
public class ConfiguredFactory : SlateFactory
{
    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["IS_SELF_HOSTED"] = "false",
        ["CRISP_TOKEN"] = "crisp-token",
        ["INDEXER_KEY"] = "indexer-key",
        ["SAML_ENABLED"] = "true",
        ["SAML_IDP_NAME"] = "Studio SAML",
        ["OIDC_ENABLED"] = "true",
        ["OIDC_IDP_NAME"] = "Studio OIDC",
        ["DEFAULT_LOCALE"] = "fr_FR",
        ["DEFAULT_TIMEZONE"] = "America/Montreal",
        ["ENFORCE_2FA"] = "true",
        ["SENTRY_KITSU_ENABLED"] = "true",
        ["SENTRY_KITSU_DSN"] = "https://key@sentry.example.com/1",
        ["SENTRY_KITSU_SR"] = "0.5",
    };
}

public class ConfiguredConfigTests(ConfiguredFactory factory) : IClassFixture<ConfiguredFactory>
{
    [Fact]
    public async Task Config_echoes_settings_sentry_and_the_organisation_theme()
    {
        await factory.WithDb(async db =>
        {
            db.Organisations.Add(new Organisation { Name = "Studio", DarkThemeByDefault = true });
            return await db.SaveChangesAsync();
        });

        var response = await factory.CreateClient().GetAsync("/config");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = new JsonObject
        {
            ["is_self_hosted"] = false,
            ["crisp_token"] = "crisp-token",
            ["dark_theme_by_default"] = true,
            ["indexer_configured"] = true,
            ["saml_enabled"] = true,
            ["saml_idp_name"] = "Studio SAML",
            ["oidc_enabled"] = true,
            ["oidc_idp_name"] = "Studio OIDC",
            ["default_locale"] = "fr_FR",
            ["default_timezone"] = "America/Montreal",
            ["enforce_2fa"] = true,
            ["sentry"] = new JsonObject { ["dsn"] = "https://key@sentry.example.com/1", ["sampleRate"] = 0.5 },
        };
        Responses.AssertJsonEqual(expected, await response.ReadJsonObjectAsync());
    }
}
