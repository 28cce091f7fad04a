using Slate.Realtime.EngineIo;
using Slate.Realtime.SocketIo;

namespace Slate.Realtime;

/// <summary>Wiring of the real-time server: the bus, the hub that delivers to sockets, and /socket.io.</summary>
public static class RealtimeSetup
{
    public static void AddRealtime(this IServiceCollection services, Settings settings)
    {
        if (settings.KvHost is null)
            services.AddSingleton<IEventBus, InProcessEventBus>();
        else
        {
            // Nodes sharing a Redis (KeyValueStore): each one's events reach the sockets of all.
            services.AddSingleton<RedisEventBus>();
            services.AddSingleton<IEventBus>(provider => provider.GetRequiredService<RedisEventBus>());
            services.AddHostedService(provider => provider.GetRequiredService<RedisEventBus>());
        }
        services.AddSingleton<CommitHook>();
        services.AddSingleton<ReviewRoomStore>();
        services.AddSingleton<ReviewRooms>();
        services.AddSingleton<SocketHub>();
        services.AddSingleton<IEngineHandler>(provider => provider.GetRequiredService<SocketHub>());
        services.AddHostedService(provider => provider.GetRequiredService<SocketHub>());
        services.AddSingleton<EngineServer>();
    }

    /// <summary>
    /// /socket.io/ at the root (Kitsu, gazu) and under /api. Not an API route: left out of the
    /// OpenAPI document, and open to anyone (the /events namespace checks the token itself).
    /// </summary>
    public static void MapRealtime(this WebApplication app)
    {
        app.UseWebSockets();
        app.MapMethods("/socket.io", [HttpMethods.Get, HttpMethods.Post],
                (HttpContext context, EngineServer server) => server.HandleAsync(context))
            .ExcludeFromDescription()
            .AllowAnonymous();
    }
}
