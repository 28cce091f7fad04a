using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Comments;

/// <summary>Someone mentioned on a task may answer there, keeping its status (Zou's check_task_mention_access).</summary>
public class MentionAccessTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<(CommentScene Scene, Person Person, HttpClient Client)> OutsiderOfTheTaskAsync(string role = "user")
    {
        var s = await factory.CreateCommentSceneAsync();
        var person = await factory.CreatePersonAsync(role);
        await factory.AddToTeamAsync(s.Project.Id, person);
        return (s, person, await factory.ClientForAsync(person));
    }

    [Fact]
    public async Task A_department_mention_grants_an_answer_with_the_current_status()
    {
        var (s, person, client) = await OutsiderOfTheTaskAsync();
        var department = await factory.CreateDepartmentAsync(person);
        await (await client.CommentAsync(s.Task, s.Statuses.Todo)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(HttpStatusCode.Created, (await s.Admin.CommentAsync(s.Task, s.Statuses.Wip, $"@{department.Name} someone?")).StatusCode);
        var upper = await client.CommentAsync(s.Task, s.Statuses.Wip, extra: new { task_status_id = s.Statuses.Wip.Id.ToString().ToUpperInvariant(), comment = "me" });
        Assert.Equal(HttpStatusCode.Created, upper.StatusCode);
        await (await client.CommentAsync(s.Task, s.Statuses.Wfa)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task A_mention_inside_a_reply_grants_it_but_not_to_a_vendor()
    {
        var (s, person, client) = await OutsiderOfTheTaskAsync();
        var vendor = await factory.CreatePersonAsync("vendor");
        await factory.AddToTeamAsync(s.Project.Id, vendor);
        var vendorClient = await factory.ClientForAsync(vendor);
        await factory.Save(new Comment
        {
            ObjectId = s.Task.Id, ObjectType = "Task", PersonId = s.AdminPerson.Id, TaskStatusId = s.Task.TaskStatusId, Text = "no mention",
            Replies = new JsonArray(new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(), ["text"] = "thoughts?", ["person_id"] = s.AdminPerson.Id.ToString(),
                ["mentions"] = new JsonArray(person.Id.ToString(), vendor.Id.ToString()), ["department_mentions"] = new JsonArray(),
            }),
        });
        var current = new ProductionTaskStatus { Id = s.Task.TaskStatusId!.Value };
        Assert.Equal(HttpStatusCode.Created, (await client.CommentAsync(s.Task, current, "answer")).StatusCode);
        await (await vendorClient.CommentAsync(s.Task, current, "answer")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(2, await factory.WithDb(db => db.Comments.CountAsync(c => c.ObjectId == s.Task.Id)));
    }
}
