using System.Text.Json.Nodes;
using Slate.Domain;

namespace Slate.Data;

/// <summary>The reduced forms in which Zou hands out persons and the organisation.</summary>
public static class Presentations
{
    /// <summary>Person columns the API never sends (Zou's SENSITIVE_FIELDS).</summary>
    public static readonly IReadOnlySet<string> PersonSecrets = new HashSet<string>
    {
        "password", "totp_secret", "email_otp_secret", "otp_recovery_codes", "fido_credentials",
        "fido_devices", "jti", "login_failed_attemps", "last_login_failed",
    };

    /// <summary>What non-admins usually see of other people (no e-mail, phone or salary), in Zou's order (present_minimal).</summary>
    static readonly string[] PersonMinimalOrder =
    [
        "id", "type", "first_name", "last_name", "full_name", "has_avatar", "active",
        "departments", "studio_id", "role", "desktop_login", "is_bot",
    ];

    public static readonly IReadOnlySet<string> PersonMinimalKeys = new HashSet<string>(PersonMinimalOrder);

    /// <summary>Organisation columns only admins see or filter on.</summary>
    public static readonly IReadOnlySet<string> OrganisationChatTokens = new HashSet<string>
    {
        "chat_token_slack", "chat_webhook_mattermost", "chat_token_discord",
    };

    /// <summary>
    /// A serialized person without its secrets; without the salary too when the reader is not an
    /// admin (managers read other people's safe form, Zou shows them the salary as well).
    /// </summary>
    public static JsonObject SafePerson(JsonObject person, bool withSalary = true)
    {
        foreach (var key in PersonSecrets) person.Remove(key);
        if (!withSalary) person.Remove("daily_salary");
        return person;
    }

    /// <summary>A serialized person reduced to its public fields, in Zou's order; departments is always a list.</summary>
    public static JsonObject MinimalPerson(JsonObject person)
    {
        var kept = PersonMinimalOrder
            .Where(key => key == "departments" || person.ContainsKey(key))
            .Select(key => (Key: key, Value: key == "departments" ? person[key] ?? new JsonArray() : person[key]))
            .ToList();
        person.Clear();
        foreach (var (key, value) in kept) person[key] = value;
        return person;
    }

    /// <summary>Zou's PreviewFile.present(): the keys a listing of an entity's previews shows.</summary>
    public static JsonObject PreviewFile(PreviewFile preview) => new()
    {
        ["id"] = ZouSerializer.Uuid(preview.Id),
        ["name"] = preview.Name,
        ["original_name"] = preview.OriginalName,
        ["extension"] = preview.Extension,
        ["revision"] = preview.Revision,
        ["position"] = preview.Position,
        ["file_size"] = preview.FileSize,
        ["status"] = preview.Status,
        ["validation_status"] = preview.ValidationStatus,
        ["task_id"] = ZouSerializer.Value(preview.TaskId),
        ["person_id"] = ZouSerializer.Value(preview.PersonId),
        ["created_at"] = ZouSerializer.Value(preview.CreatedAt),
        ["token_in"] = preview.TokenIn,
        ["token_out"] = preview.TokenOut,
    };

    /// <summary>A preview as a comment shows it (Zou's comment preview map): what the review panel draws.</summary>
    public static JsonObject CommentPreview(PreviewFile preview) => new()
    {
        ["id"] = ZouSerializer.Uuid(preview.Id),
        ["task_id"] = ZouSerializer.Value(preview.TaskId),
        ["revision"] = preview.Revision,
        ["extension"] = preview.Extension,
        ["width"] = preview.Width,
        ["height"] = preview.Height,
        ["duration"] = preview.Duration,
        ["status"] = preview.Status,
        ["validation_status"] = preview.ValidationStatus,
        ["original_name"] = preview.OriginalName,
        ["position"] = preview.Position,
        ["annotations"] = preview.Annotations?.DeepClone(),
    };

    /// <summary>The author as comments, replies and news embed it (Zou's short person), guests included.</summary>
    public static JsonObject ShortPerson(Person person) => new()
    {
        ["id"] = ZouSerializer.Uuid(person.Id),
        ["first_name"] = person.FirstName,
        ["last_name"] = person.LastName,
        ["full_name"] = person.FullName,
        ["has_avatar"] = person.HasAvatar,
        ["role"] = person.Role,
    };

    /// <summary>Zou's ScheduleItem.present(): the planning rows of the schedule routes.</summary>
    public static JsonObject ScheduleItem(ScheduleItem item) => new()
    {
        ["id"] = ZouSerializer.Uuid(item.Id),
        ["start_date"] = ZouSerializer.Value(item.StartDate),
        ["end_date"] = ZouSerializer.Value(item.EndDate),
        ["man_days"] = item.ManDays,
        ["project_id"] = ZouSerializer.Value(item.ProjectId),
        ["task_type_id"] = ZouSerializer.Value(item.TaskTypeId),
        ["object_id"] = ZouSerializer.Value(item.ObjectId),
    };

    /// <summary>Zou's Milestone.present().</summary>
    public static JsonObject Milestone(Milestone milestone) => new()
    {
        ["id"] = ZouSerializer.Uuid(milestone.Id),
        ["date"] = ZouSerializer.Value(milestone.Date),
        ["name"] = milestone.Name,
        ["project_id"] = ZouSerializer.Value(milestone.ProjectId),
        ["task_type_id"] = ZouSerializer.Value(milestone.TaskTypeId),
    };

    /// <summary>Zou's Budget.present(): a project's budgets listed.</summary>
    public static JsonObject Budget(Budget budget) => new()
    {
        ["id"] = ZouSerializer.Uuid(budget.Id),
        ["project_id"] = ZouSerializer.Value(budget.ProjectId),
        ["revision"] = budget.Revision,
        ["name"] = budget.Name,
        ["currency"] = budget.Currency,
    };

    /// <summary>Zou's BudgetEntry.present(): a budget's entries listed.</summary>
    public static JsonObject BudgetEntry(BudgetEntry entry) => new()
    {
        ["id"] = ZouSerializer.Uuid(entry.Id),
        ["budget_id"] = ZouSerializer.Uuid(entry.BudgetId),
        ["department_id"] = ZouSerializer.Uuid(entry.DepartmentId),
        ["person_id"] = ZouSerializer.Value(entry.PersonId),
        ["start_date"] = ZouSerializer.Value(entry.StartDate),
        ["months_duration"] = entry.MonthsDuration,
        ["daily_salary"] = entry.DailySalary,
        ["position"] = entry.Position,
        ["seniority"] = entry.Seniority,
        ["exceptions"] = entry.Exceptions?.DeepClone(),
    };

    /// <summary>Zou's Plugin.present(): what the web app needs to load a plugin.</summary>
    public static JsonObject Plugin(Plugin plugin) => new()
    {
        ["id"] = ZouSerializer.Uuid(plugin.Id),
        ["plugin_id"] = plugin.PluginId,
        ["name"] = plugin.Name,
        ["description"] = plugin.Description,
        ["version"] = plugin.Version,
        ["maintainer_name"] = plugin.MaintainerName,
        ["maintainer_email"] = plugin.MaintainerEmail,
        ["frontend_project_enabled"] = plugin.FrontendProjectEnabled,
        ["frontend_studio_enabled"] = plugin.FrontendStudioEnabled,
        ["icon"] = plugin.Icon,
    };

    /// <summary>The organisation as a caller may see it: chat integration tokens only for admins.</summary>
    public static JsonObject Organisation(JsonObject organisation, bool forAdmin)
    {
        if (!forAdmin)
            foreach (var key in OrganisationChatTokens) organisation.Remove(key);
        return organisation;
    }
}
