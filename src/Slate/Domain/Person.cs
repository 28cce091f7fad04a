using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Nodes;

namespace Slate.Domain;

[Table("person")]
[Index(nameof(ShotgunId), IsUnique = true, Name = "person_shotgun_id_key")]
[Index(nameof(Jti), IsUnique = true, Name = "person_jti_key")]
[Index(nameof(LdapUid), IsUnique = true, Name = "person_ldap_uid_key")]
[Index(nameof(StudioId), Name = "ix_person_studio_id")]
[Index(nameof(Email), nameof(IsBot), IsUnique = true, Name = "only_one_email_by_person")]
public class Person : Model
{
    [MaxLength(80)] [Required] public string FirstName { get; set; } = "";
    [MaxLength(80)] [Required] public string LastName { get; set; } = "";
    [MaxLength(255)] public string? Email { get; set; }
    [MaxLength(30)] public string? Phone { get; set; }
    [MaxLength(2)] public string? Country { get; set; }
    [MaxLength(255)] [Required] public string ContractType { get; set; } = "open-ended";
    public bool? Active { get; set; } = true;
    public bool? Archived { get; set; } = false;
    public DateOnly? LastPresence { get; set; }
    [MaxLength(60)] public byte[]? Password { get; set; }
    [MaxLength(80)] public string? DesktopLogin { get; set; }
    public int? LoginFailedAttemps { get; set; } = 0;
    public DateTime? LastLoginFailed { get; set; }
    public bool? TotpEnabled { get; set; } = false;
    [MaxLength(32)] public string? TotpSecret { get; set; }
    public bool? EmailOtpEnabled { get; set; } = false;
    [MaxLength(32)] public string? EmailOtpSecret { get; set; }
    public bool? FidoEnabled { get; set; } = false;
    public List<string>? FidoCredentials { get; set; }
    public List<byte[]>? OtpRecoveryCodes { get; set; }
    [MaxLength(255)] public string? PreferredTwoFactorAuthentication { get; set; }
    public int? ShotgunId { get; set; }
    [MaxLength(50)] public string? Timezone { get; set; }
    [MaxLength(10)] public string? Locale { get; set; }
    [Column("use_12_hour_clock")] public bool? Use12HourClock { get; set; } = false;
    [MaxLength(20)] public string? DisplayDateFormat { get; set; } = "YYYY-MM-DD";
    public JsonNode? Data { get; set; }
    [MaxLength(255)] [Required] public string Role { get; set; } = "user";
    [MaxLength(255)] public string? Position { get; set; } = "artist";
    [MaxLength(255)] public string? Seniority { get; set; } = "mid";
    public int? DailySalary { get; set; } = 0;
    public bool? HasAvatar { get; set; } = false;
    public bool? NotificationsEnabled { get; set; } = false;
    public bool? NotificationsSlackEnabled { get; set; } = false;
    [MaxLength(60)] public string? NotificationsSlackUserid { get; set; } = "";
    public bool? NotificationsMattermostEnabled { get; set; } = false;
    [MaxLength(60)] public string? NotificationsMattermostUserid { get; set; } = "";
    public bool? NotificationsDiscordEnabled { get; set; } = false;
    [MaxLength(60)] public string? NotificationsDiscordUserid { get; set; } = "";
    public bool IsBot { get; set; } = false;
    public bool IsGuest { get; set; } = false;
    [MaxLength(60)] public string? Jti { get; set; }
    public DateOnly? ExpirationDate { get; set; }
    public bool? IsGeneratedFromLdap { get; set; } = false;
    [MaxLength(60)] public string? LdapUid { get; set; }
    public Guid? StudioId { get; set; }

    /// <summary>Zou's hybrid property: "first last", or whichever part is present.</summary>
    [NotMapped] public string FullName => string.IsNullOrEmpty(FirstName) || string.IsNullOrEmpty(LastName) ? (FirstName ?? "") + (LastName ?? "") : $"{FirstName} {LastName}";
}
