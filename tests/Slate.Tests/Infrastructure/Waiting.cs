namespace Slate.Tests.Infrastructure;

/// <summary>Polling for what happens in the background (jobs, processes), with a deadline.</summary>
public static class Waiting
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Gave up waiting for {what}.");
            await Task.Delay(50);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, int timeoutSeconds = 30) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeoutSeconds);
}
