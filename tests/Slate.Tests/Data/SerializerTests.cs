using System.ComponentModel.DataAnnotations.Schema;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Slate.Data;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Data;

/// <summary>Zou's JSON rules, checked for every model of the reference schema.</summary>
public partial class SerializerTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    public static TheoryData<string> Tables => new(ReferenceModels.Tables);

    static Type ClassOf(string table) => typeof(Model).Assembly.GetTypes()
        .Single(t => t.GetCustomAttribute<TableAttribute>()?.Name == table);

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Every_column_is_a_key_with_Zou_value_format(string table)
    {
        var type = ClassOf(table);
        var row = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties().Where(p => p.CanWrite))
            property.SetValue(row, SampleValue(property.PropertyType));

        var json = await Serialize(row);

        var columns = ReferenceModels.ColumnsOf(table);
        var expected = columns.Select(c => c.Column).ToHashSet();
        expected.Add("type");
        if (table == "person") expected.Add("full_name");
        if (table == "notification") expected.Add("notification_type");
        if (table == "playlist_share_link") { expected.Remove("password"); expected.Add("has_password"); }
        foreach (var embedded in Relations.EmbeddedOf(type)) expected.Add(embedded.Name);
        Assert.Equal(expected.Order(), json.Select(p => p.Key).Order());

        foreach (var column in columns.Where(c => json.ContainsKey(c.Column) && !(table == "notification" && c.Column == "type")))
            AssertFormat(column, json[column.Column]);
        // Association tables declared without a model class are never serialized by Zou.
        if (ExpectedModelName(table) is { } modelName && !modelName.StartsWith("db.Table"))
            Assert.Equal(modelName, (string?)json["type"]);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Nulls_are_kept_as_null_keys(string table)
    {
        var type = ClassOf(table);
        var row = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties().Where(p => p.CanWrite && IsNullable(p)))
            property.SetValue(row, null);

        var json = await Serialize(row);

        foreach (var column in ReferenceModels.ColumnsOf(table).Where(c => c.Nullable && c.Default is "" or "null" && json.ContainsKey(c.Column)))
            Assert.True(json[column.Column] is null, $"{table}.{column.Column} should be null");
    }

    [Fact]
    public async Task Datetimes_drop_microseconds_and_timezone()
    {
        var status = new ProjectStatus { Name = "Open", CreatedAt = new DateTime(2024, 1, 15, 10, 30, 0, 123).AddTicks(4560) };
        var json = await Serialize(status);
        Assert.Equal("2024-01-15T10:30:00", (string?)json["created_at"]);
        Assert.Equal(status.Id.ToString().ToLowerInvariant(), (string?)json["id"]);
    }

    [Fact]
    public async Task Relations_are_id_lists_only_when_asked()
    {
        var (project, person, department) = await factory.WithDb(async db =>
        {
            var status = new ProjectStatus { Name = "S" + Guid.NewGuid().ToString("N")[..12] };
            var department = new Department { Name = "Dept " + Guid.NewGuid(), Color = "#000000" };
            var person = new Person { FirstName = "Ann", LastName = "Lee", Email = $"{Guid.NewGuid()}@example.com" };
            var project = new Project { Name = "Show " + Guid.NewGuid(), ProjectStatusId = status.Id };
            db.AddRange(status, department, person, project);
            db.Add(new ProjectPersonLink { ProjectId = project.Id, PersonId = person.Id });
            db.Add(new DepartmentLink { PersonId = person.Id, DepartmentId = department.Id });
            await db.SaveChangesAsync();
            return (project, person, department);
        });

        await using var scope = factory.Services.CreateAsyncScope();
        var serializer = scope.ServiceProvider.GetRequiredService<ZouSerializer>();
        var without = await serializer.RowAsync(project);
        Assert.False(without.ContainsKey("team"));
        var with = await serializer.RowAsync(project, relations: true);
        Assert.Equal([person.Id.ToString()], with["team"]!.AsArray().Select(id => (string)id!));
        Assert.Empty(with["task_types"]!.AsArray());
        var personJson = await serializer.RowAsync(person, relations: true);
        Assert.Equal([department.Id.ToString()], personJson["departments"]!.AsArray().Select(id => (string)id!));
    }

    [Fact]
    public async Task Many_to_one_relations_come_nested()
    {
        var attachment = await factory.WithDb(async db =>
        {
            var person = new Person { FirstName = "Bo", LastName = "Ng", Email = $"{Guid.NewGuid()}@example.com" };
            var comment = new Comment { ObjectId = Guid.NewGuid(), ObjectType = "Task", PersonId = person.Id, Text = "Nice" };
            var attachment = new AttachmentFile { Name = "ref.png", CommentId = comment.Id };
            db.AddRange(person, comment, attachment);
            await db.SaveChangesAsync();
            return attachment;
        });

        var json = await Serialize(attachment);

        Assert.Equal("Comment", (string?)json["comment"]!["type"]);
        Assert.Equal(attachment.CommentId.ToString(), (string?)json["comment"]!["id"]);
        Assert.Equal("Nice", (string?)json["comment"]!["text"]);
        Assert.Null(json["chat_message"]);
    }

    [Fact]
    public async Task Person_presentations_hide_secrets()
    {
        var person = new Person
        {
            FirstName = "Cy", LastName = "", Email = "cy@example.com", Password = [1, 2, 3], Jti = "x",
            TotpSecret = "s", DailySalary = 300, Phone = "+33",
        };
        var safe = Presentations.SafePerson(await Serialize(person));
        Assert.Equal("Cy", (string?)safe["full_name"]);
        foreach (var secret in new[] { "password", "totp_secret", "email_otp_secret", "otp_recovery_codes", "fido_credentials", "jti", "login_failed_attemps", "last_login_failed" })
            Assert.False(safe.ContainsKey(secret), secret);
        Assert.Equal("cy@example.com", (string?)safe["email"]);

        var minimal = Presentations.MinimalPerson(safe);
        Assert.Equal(
            new[] { "active", "departments", "desktop_login", "first_name", "full_name", "has_avatar", "id", "is_bot", "last_name", "role", "studio_id", "type" },
            minimal.Select(p => p.Key).Order());
    }

    [Fact]
    public async Task Organisation_chat_tokens_only_for_admins()
    {
        var organisation = new Organisation { Name = "Kitsu", ChatTokenSlack = "secret" };
        Assert.Equal("secret", (string?)Presentations.Organisation(await Serialize(organisation), forAdmin: true)["chat_token_slack"]);
        Assert.False(Presentations.Organisation(await Serialize(organisation), forAdmin: false).ContainsKey("chat_token_slack"));
    }

    async Task<JsonObject> Serialize(object row)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ZouSerializer>().RowAsync(row);
    }

    static string ExpectedModelName(string table) =>
        ReferenceModels.All.First(c => c.Table == table).ModelClass;

    static bool IsNullable(PropertyInfo property) =>
        !property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null;

    static object? SampleValue(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(Guid) => Guid.NewGuid(),
        var t when t == typeof(string) => "text",
        var t when t == typeof(int) => 3,
        var t when t == typeof(long) => 4L,
        var t when t == typeof(double) => 2.5,
        var t when t == typeof(bool) => true,
        var t when t == typeof(DateTime) => new DateTime(2024, 1, 15, 10, 30, 0, 500),
        var t when t == typeof(DateOnly) => new DateOnly(2024, 1, 15),
        var t when t == typeof(byte[]) => "bytes"u8.ToArray(),
        var t when t == typeof(JsonNode) => new JsonObject { ["k"] = 1 },
        var t when t == typeof(List<string>) => new List<string> { "a" },
        var t when t == typeof(List<byte[]>) => new List<byte[]> { "b"u8.ToArray() },
        var t => throw new InvalidOperationException($"No sample value for {t.Name}"),
    };

    static void AssertFormat(ReferenceColumn column, JsonNode? value)
    {
        var where = $"{column.Table}.{column.Column} ({column.Type})";
        Assert.True(value is not null, where);
        switch (column.Type)
        {
            case "UUID":
                Assert.Matches(UuidPattern(), (string)value!);
                break;
            case "DateTime":
                Assert.Equal("2024-01-15T10:30:00", (string?)value);
                break;
            case "Date":
                Assert.Equal("2024-01-15", (string?)value);
                break;
            case "Boolean":
                Assert.True((bool)value!, where);
                break;
            case "Integer" or "BigInteger" or "Float":
                Assert.Equal(System.Text.Json.JsonValueKind.Number, value!.GetValueKind());
                break;
            case "JSONB":
                Assert.Equal(1, (int)value!["k"]!);
                break;
            case var t when t.StartsWith("ARRAY"):
                Assert.Equal(System.Text.Json.JsonValueKind.Array, value!.GetValueKind());
                break;
            default:
                Assert.Equal(System.Text.Json.JsonValueKind.String, value!.GetValueKind());
                break;
        }
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex UuidPattern();
}
