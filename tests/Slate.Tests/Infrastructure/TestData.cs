using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Slate.Domain;
using Slate.Security;

namespace Slate.Tests.Infrastructure;

/// <summary>Data a test needs, created directly in the server's database with unique names.</summary>
public static class TestData
{
    public const string Password = "Passw0rd-for-tests";

    /// <summary>A name no other test uses (the server is shared by a test class): the prefix and 8 hex digits.</summary>
    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    public static Task<Person> CreatePersonAsync(
        this SlateFactory factory, string role = "user", string password = Password, bool active = true,
        Action<Person>? configure = null) => factory.WithDb(async db =>
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var person = new Person
        {
            FirstName = "Test", LastName = unique, Email = $"{role}.{unique}@example.com", Role = role, Active = active,
            Password = factory.Services.GetRequiredService<Passwords>().Hash(password),
        };
        configure?.Invoke(person);
        db.Persons.Add(person);
        await db.SaveChangesAsync();
        return person;
    });

    /// <summary>Logs in through POST /api/auth/login, as gazu does, and returns the JSON answer.</summary>
    public static async Task<JsonObject> LoginAsync(this HttpClient client, string email, string password = Password)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"login answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>A client that sends the person's access token as gazu does.</summary>
    public static async Task<HttpClient> ClientForAsync(this SlateFactory factory, Person person, string password = Password)
    {
        var client = factory.CreateClient();
        var login = await client.LoginAsync(person.Email!, password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)login["access_token"]!);
        return client;
    }

    /// <summary>A bot of that role and a client sending its token (bots have no password, only a token tied to their jti).</summary>
    public static async Task<(Person Bot, HttpClient Client)> BotClientAsync(this SlateFactory factory, string role = "user")
    {
        var bot = await factory.CreatePersonAsync(role, configure: p => p.IsBot = true);
        var (token, jti) = factory.Services.GetRequiredService<Tokens>().Issue(bot.Id, Tokens.Access, "bot", null);
        await factory.WithDb(async db =>
        {
            (await db.Persons.FindAsync(bot.Id))!.Jti = jti;
            return await db.SaveChangesAsync();
        });
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (bot, client);
    }

    /// <summary>Adds rows as they are and returns the first.</summary>
    public static Task<T> Save<T>(this SlateFactory factory, T row, params object[] more) where T : class => factory.WithDb(async db =>
    {
        db.Add(row);
        db.AddRange(more);
        await db.SaveChangesAsync();
        return row;
    });
}
