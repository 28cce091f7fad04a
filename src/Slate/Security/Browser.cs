namespace Slate.Security;

/// <summary>
/// Zou sets and clears auth cookies only for web browsers (Chrome, Firefox, Safari, Edge, Opera,
/// Brave, Vivaldi, their mobile forms); scripts such as gazu get tokens in the JSON body only.
/// </summary>
public static class Browser
{
    static readonly string[] Engines = ["Chrome/", "CriOS/", "Firefox/", "FxiOS/", "Safari/", "Edg/", "OPR/", "Vivaldi/"];

    public static bool IsBrowser(HttpRequest request)
    {
        var agent = request.Headers.UserAgent.ToString();
        return agent.StartsWith("Mozilla/", StringComparison.Ordinal)
            && Engines.Any(engine => agent.Contains(engine, StringComparison.Ordinal));
    }

    public static void SetCookie(HttpResponse response, string name, string token, string path) =>
        response.Cookies.Append(name, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = false,
            Path = path,
            MaxAge = TimeSpan.FromSeconds(31540000),
        });

    public static void ClearCookie(HttpResponse response, string name, string path) =>
        response.Cookies.Delete(name, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Path = path });
}
