using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Slate.Domain;

/// <summary>
/// Slate's own table (not Zou's, which runs RQ on Redis): one piece of background work (a movie
/// to normalize...) kept in the database, so it is queued exactly when the change that asked
/// for it is committed and survives a crash of the process running it (Jobs/).
/// </summary>
[Table("slate_job")]
[Index(nameof(Status), nameof(RunAfter), Name = "ix_slate_job_status_run_after")]
[Index(nameof(Status), nameof(LeaseExpiresAt), Name = "ix_slate_job_status_lease_expires_at")]
public class Job : Model
{
    [MaxLength(80)] [Required] public string Kind { get; set; } = "";
    [Required] public JsonNode? Payload { get; set; }
    /// <summary>One of <see cref="JobStatus"/>.</summary>
    [MaxLength(20)] [Required] public string Status { get; set; } = JobStatus.Queued;
    /// <summary>How many times a worker claimed it (a claim counts even when its worker died).</summary>
    public int Attempts { get; set; }
    /// <summary>It may not be claimed before this time (retries wait a little).</summary>
    public DateTime RunAfter { get; set; }
    /// <summary>The worker running it: host, process id and worker number.</summary>
    [MaxLength(200)] public string? ClaimedBy { get; set; }
    /// <summary>While running, its worker renews this; once past, any worker may take the job over.</summary>
    public DateTime? LeaseExpiresAt { get; set; }
    public string? LastError { get; set; }
    public DateTime? FinishedAt { get; set; }
}

public static class JobStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}
