using System.Text;

namespace Slate.Security;

/// <summary>
/// bcrypt, as Zou (flask-bcrypt) stores it: the "$2b$..." hash as bytes in person.password, so
/// hashes from a Zou database verify here. bcrypt reads at most 72 bytes of the password.
/// </summary>
public sealed class Passwords(Settings settings)
{
    // A real hash of a random password: unknown accounts spend the same time as known ones.
    static readonly string DummyHash = BCrypt.Net.BCrypt.HashPassword(Guid.NewGuid().ToString(), 12);

    public byte[] Hash(string password) =>
        Encoding.UTF8.GetBytes(BCrypt.Net.BCrypt.HashPassword(Truncate(password), settings.BcryptRounds));

    public static bool Verify(string password, byte[]? hash)
    {
        if (hash is not { Length: > 0 })
        {
            SpendTime();
            return false;
        }
        try
        {
            return BCrypt.Net.BCrypt.Verify(Truncate(password), Encoding.UTF8.GetString(hash));
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
    }

    /// <summary>A comparison whose only purpose is to take as long as a real one.</summary>
    public static void SpendTime() => BCrypt.Net.BCrypt.Verify("timing", DummyHash);

    static string Truncate(string password)
    {
        var bytes = Encoding.UTF8.GetBytes(password);
        return bytes.Length <= 72 ? password : Encoding.UTF8.GetString(bytes, 0, 72);
    }
}
