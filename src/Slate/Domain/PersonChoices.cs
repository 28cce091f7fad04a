namespace Slate.Domain;

/// <summary>
/// The values Zou's choice columns of person accept (zou/app/models/person.py); salary scales
/// and budget entries share the position and seniority lists. Zou stores other values unchecked
/// and then fails to read the row back, so Slate refuses them.
/// </summary>
public static class PersonChoices
{
    public static readonly string[] Roles = ["user", "admin", "supervisor", "manager", "client", "vendor"];
    public static readonly string[] ContractTypes = ["open-ended", "fixed-term", "short-term", "freelance", "apprentice", "internship"];
    public static readonly string[] Positions = ["supervisor", "lead", "artist"];
    public static readonly string[] Seniorities = ["senior", "mid", "junior"];
    public static readonly string[] DisplayDateFormats = ["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY"];
}
