namespace Slate.Http;

/// <summary>The headers Zou puts on responses: security headers always, CORS when configured.</summary>
public static class ResponseHeaders
{
    static readonly (string Name, string Value)[] SecurityHeaders =
    [
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "SAMEORIGIN"),
        ("Content-Security-Policy", "frame-ancestors 'self'"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ];

    /// <summary>
    /// Adds the security headers to every response, error answers included, unless the handler
    /// set its own. They are added as the response starts because the error handler clears the
    /// headers of a failed request.
    /// </summary>
    public static void UseSecurityHeaders(this WebApplication app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            context.Response.OnStarting(() =>
            {
                foreach (var (name, value) in SecurityHeaders) headers.TryAdd(name, value);
                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>
    /// CORS is off unless CORS_ALLOWED_ORIGINS lists origins (Kitsu is normally served from the
    /// same origin). Then, like Zou, every path allows those origins with credentials, echoing
    /// the origin and whatever headers and method a preflight asks for.
    /// </summary>
    public static void UseZouCors(this WebApplication app, Settings settings)
    {
        if (settings.CorsAllowedOrigins.Count == 0) return;
        app.UseCors(policy => policy
            .WithOrigins([.. settings.CorsAllowedOrigins])
            .AllowCredentials()
            .AllowAnyHeader()
            .AllowAnyMethod());
    }
}
