using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("organisation")]
[Index(nameof(Name), IsUnique = true, Name = "organisation_name_key")]
public class Organisation : Model
{
    [MaxLength(80)] [Required] public string Name { get; set; } = "";
    public double HoursByDay { get; set; } = 8;
    public bool? HasAvatar { get; set; } = false;
    public bool? UseOriginalFileName { get; set; } = false;
    public bool? TimesheetsLocked { get; set; } = false;
    public bool? FormatDurationInHours { get; set; } = false;
    public bool? HdByDefault { get; set; } = false;
    [MaxLength(80)] public string? ChatTokenSlack { get; set; } = "";
    [MaxLength(80)] public string? ChatWebhookMattermost { get; set; } = "";
    [MaxLength(80)] public string? ChatTokenDiscord { get; set; } = "";
    public bool? DarkThemeByDefault { get; set; } = false;
}
