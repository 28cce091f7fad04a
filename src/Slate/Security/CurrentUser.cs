using Slate.Domain;
using Slate.Http;

namespace Slate.Security;

/// <summary>The authenticated caller of a request: the person row and the token that proved it.</summary>
public sealed class CurrentUser(Person person, TokenClaims token)
{
    public Person Person { get; } = person;
    public TokenClaims Token { get; } = token;
    public Guid Id => Person.Id;
    public bool IsAdmin => Person.Role == "admin";

    /// <summary>Human accounts (interactive login or a person's API token), not bots.</summary>
    public bool IsPerson => Token.IdentityType is "person" or "person_api";

    public void CheckAdmin()
    {
        if (!IsAdmin) throw new PermissionDeniedException();
    }

    public void CheckPerson()
    {
        if (!IsPerson) throw new PermissionDeniedException();
    }
}
