using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Slate.Http;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Platform;

/// <summary>
/// A Slate server with routes that exist only in tests, appended after the product's pipeline
/// so requests to them pass through every product middleware (paths, limits, errors, headers):
/// /test/fields echoes the body read as a product route reads it, /test/throw fails with an
/// exception whose text must not leak, /test/framed sets its own X-Frame-Options. The product
/// has no route that does any of these yet.
/// MAX_CONTENT_LENGTH is small so a 413 costs nothing to provoke, and DEBUG is off, as in
/// production, so 500 answers are the ones users get.
/// </summary>
public class TestRoutesFactory : SlateFactory
{
    public const int MaxContentLength = 1024;
    public const string SecretText = "secret detail of a failure";

    protected override IDictionary<string, string> ExtraSettings =>
        new Dictionary<string, string> { ["MAX_CONTENT_LENGTH"] = MaxContentLength.ToString(), ["DEBUG"] = "false" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestRoutes>());
    }

    sealed class TestRoutes : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/test/fields", branch => branch.Run(async context =>
                await ZouJson.Result(await RequestBody.ReadFieldsAsync(context.Request)).ExecuteAsync(context)));
            app.Map("/test/throw", branch => branch.Run(_ => throw new InvalidOperationException(SecretText)));
            app.Map("/test/framed", branch => branch.Run(context =>
            {
                context.Response.Headers.XFrameOptions = "DENY";
                return context.Response.WriteAsync("framed");
            }));
        };
    }
}
