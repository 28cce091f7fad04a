using StackExchange.Redis;

namespace Slate.Data;

/// <summary>
/// Zou's key-value store (KV_HOST): the Redis the nodes of one studio share. Optional: the server
/// starts and serves without it, and its users skip it (or fall back) while it is unreachable.
/// It goes away and comes back by itself; each change is logged once.
/// </summary>
public sealed class KeyValueStore : IDisposable
{
    /// <summary>Zou's AUTH_TOKEN_BLACKLIST_KV_INDEX.</summary>
    public const int TokenBlocklistIndex = 0;

    /// <summary>Zou's KV_EVENTS_DB_INDEX: the event stream's (Slate keeps the review rooms there).</summary>
    public const int EventsIndex = 2;

    readonly Task<ConnectionMultiplexer> connecting;
    readonly ILogger<KeyValueStore> log;
    readonly string address;
    readonly HashSet<ConnectionType> broken = [];

    public KeyValueStore(Settings settings, ILogger<KeyValueStore> log)
    {
        this.log = log;
        address = $"{settings.KvHost}:{settings.KvPort}";
        var options = new ConfigurationOptions
        {
            EndPoints = { { settings.KvHost!, settings.KvPort } },
            Password = settings.KvPassword,
            ClientName = "slate",
            AbortOnConnectFail = false,
            // A request must not wait for Redis: while it is away, commands fail at once and
            // callers skip it; a restarted Redis is found again within seconds.
            BacklogPolicy = BacklogPolicy.FailFast,
            ConnectTimeout = 2000,
            AsyncTimeout = 2000,
            SyncTimeout = 2000,
            ReconnectRetryPolicy = new ExponentialRetry(500, 5000),
        };
        connecting = Connect(options);
    }

    async Task<ConnectionMultiplexer> Connect(ConfigurationOptions options)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        connection.ConnectionFailed += (_, e) => Changed(e.ConnectionType, broke: true);
        connection.ConnectionRestored += (_, e) => Changed(e.ConnectionType, broke: false);
        if (!connection.IsConnected) Changed(ConnectionType.Interactive, broke: true);
        return connection;
    }

    /// <summary>Logs when the first connection (commands, subscription) breaks, and when the last one is back.</summary>
    void Changed(ConnectionType connection, bool broke)
    {
        lock (broken)
        {
            var wasAway = broken.Count > 0;
            if (broke) broken.Add(connection);
            else broken.Remove(connection);
            if (!wasAway && broken.Count > 0)
                log.LogWarning("Redis at {Address} is unreachable; events stay on this node until it is back", address);
            else if (wasAway && broken.Count == 0)
                log.LogInformation("Redis at {Address} is back", address);
        }
    }

    /// <summary>The connection, once the first attempt is over (connected or not).</summary>
    public Task<ConnectionMultiplexer> ConnectionAsync() => connecting;

    /// <summary>The database at this index, or null while Redis is unreachable.</summary>
    public IDatabase? Database(int index) =>
        connecting.IsCompletedSuccessfully && connecting.Result.IsConnected ? connecting.Result.GetDatabase(index) : null;

    public void Dispose()
    {
        if (connecting.IsCompletedSuccessfully) connecting.Result.Dispose();
    }
}
