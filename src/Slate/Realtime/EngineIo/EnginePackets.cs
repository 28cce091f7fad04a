namespace Slate.Realtime.EngineIo;

/// <summary>Engine.IO v4 text packets: one digit for the type, then the data.</summary>
public static class EnginePackets
{
    public const char Open = '0', Close = '1', Ping = '2', Pong = '3', Message = '4', Upgrade = '5', Noop = '6';

    /// <summary>Polling payloads join packets with the record separator.</summary>
    public const char Separator = '\x1e';

    public static string Join(IEnumerable<string> packets) => string.Join(Separator, packets);

    public static string[] Split(string payload) => payload.Split(Separator);
}
