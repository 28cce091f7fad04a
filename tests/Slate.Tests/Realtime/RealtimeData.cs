using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Slate.Data;
using Slate.Realtime;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Realtime;

public static class RealtimeData
{
    /// <summary>
    /// Emits through the server's own Events service, as a service does, outside any request:
    /// <paramref name="count"/> events in one unit of work (a burst), their data {"marker": name,
    /// "index": i}. Also a marker: a socket that gets it got nothing published before.
    /// </summary>
    public static async Task EmitOutsideRequestAsync(this SlateFactory factory, string name, Guid? projectId = null, bool rollBack = false, int count = 1)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlateDb>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        for (var i = 0; i < count; i++)
            scope.ServiceProvider.GetRequiredService<Events>().Emit(name, new JsonObject { ["marker"] = name, ["index"] = i }, projectId);
        await db.SaveChangesAsync();
        if (rollBack) await transaction.RollbackAsync();
        else await transaction.CommitAsync();
    }

    /// <summary>A logged-in person's socket, connected to /events.</summary>
    public static async Task<SocketTestClient> ListenAsync(this SlateFactory factory, HttpClient client)
    {
        var socket = await SocketTestClient.JoinAsync(factory, "/events", bearer: SocketTestClient.TokenOf(client));
        Assert.StartsWith("40/events,", await socket.NextAsync());
        return socket;
    }
}
