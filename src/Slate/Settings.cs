using System.Security.Cryptography;

namespace Slate;

/// <summary>
/// Server settings, read once at start from configuration. Keys are Zou's environment variable
/// names (behavior-platform.md §5) so an existing Zou deployment's settings carry over; Slate adds
/// SLATE_DATA_DIR (SQLite file, generated secret, files) and SLATE_DB_CONNECTION (a PostgreSQL
/// connection string, instead of the DB_* parts).
/// </summary>
public sealed class Settings
{
    public const string Version = "1.0.67";

    public required string DataDir { get; init; }
    public required string SecretKey { get; init; }
    /// <summary>Null when the server runs on the embedded SQLite database.</summary>
    public string? PostgresConnection { get; init; }
    public string SqlitePath => Path.Combine(DataDir, "slate.db");
    public string PreviewFolder { get; init; } = "";
    /// <summary>FS_BACKEND: "local" (files under PREVIEW_FOLDER) or "s3" (the FS_S3_* service).</summary>
    public string FsBackend { get; init; } = "local";
    /// <summary>FS_BUCKET_PREFIX: put before each bucket's name (pictures, movies, files).</summary>
    public string FsBucketPrefix { get; init; } = "";
    /// <summary>TMP_DIR: where uploads wait for processing and stored objects are copied for ffmpeg.</summary>
    public string TmpDir { get; init; } = Path.Combine(Path.GetTempPath(), "slate");
    /// <summary>SLATE_FFMPEG, SLATE_FFPROBE: the programs movie previews are processed with (on PATH by default).</summary>
    public string FfmpegPath { get; init; } = "ffmpeg";
    public string FfprobePath { get; init; } = "ffprobe";
    /// <summary>SLATE_FFMPEG_TIMEOUT: seconds one ffmpeg or ffprobe run may take before it is stopped.</summary>
    public int FfmpegTimeout { get; init; } = DefaultFfmpegTimeout;
    public const int DefaultFfmpegTimeout = 3 * 3600;
    /// <summary>SKIP_NORMALIZATION_FULL: movie uploads are stored as they are, as with ?normalize=false.</summary>
    public bool SkipNormalizationFull { get; init; }
    /// <summary>SKIP_NORMALIZATION_HIGHDEF: only the low definition movie is encoded.</summary>
    public bool SkipNormalizationHighDef { get; init; }
    /// <summary>PREVIEW_SAVE_SOURCE_FILE: the raw movie upload is kept too (movies bucket, prefix "source").</summary>
    public bool PreviewSaveSourceFile { get; init; }
    public string? S3Region { get; init; }
    /// <summary>FS_S3_ENDPOINT: an S3-compatible service's address; unset means AWS itself.</summary>
    public string? S3Endpoint { get; init; }
    public string? S3AccessKey { get; init; }
    public string? S3SecretKey { get; init; }
    /// <summary>REMOVE_FILES: deleting a preview also removes its stored files (otherwise only with ?force=true).</summary>
    public bool RemoveFiles { get; init; }
    /// <summary>CLIENT_CACHE_MAX_AGE: seconds browsers may keep a served file.</summary>
    public int ClientCacheMaxAge { get; init; } = 604800;
    public bool Debug { get; init; }
    /// <summary>SLATE_SOCKET_PING_INTERVAL, SLATE_SOCKET_PING_TIMEOUT: milliseconds between socket pings, and for the pong.</summary>
    public int SocketPingInterval { get; init; } = 25000;
    public int SocketPingTimeout { get; init; } = 20000;
    public string AuthStrategy { get; init; } = "auth_local_classic";
    public int BcryptRounds { get; init; } = 12;
    public int MinPasswordLength { get; init; } = 8;
    /// <summary>Most active persons (bots and guests aside) the studio may have.</summary>
    public int UserLimit { get; init; } = 100;
    /// <summary>E-mails (lower case) of accounts no one else may deactivate, demote or delete.</summary>
    public IReadOnlySet<string> ProtectedAccounts { get; init; } = new HashSet<string>();
    public IReadOnlyList<string> CorsAllowedOrigins { get; init; } = [];
    public int RecordsPerPage { get; init; } = 100;
    public long MaxContentLength { get; init; }
    /// <summary>MAX_IMAGE_PIXELS: pictures with more pixels are refused before they are decoded (decompression bombs).</summary>
    public long MaxImagePixels { get; init; } = DefaultMaxImagePixels;
    public const long DefaultMaxImagePixels = 20000L * 20000;
    /// <summary>SLATE_MAX_PICTURE_UPLOAD_SIZE: largest body, in bytes, of a picture upload (avatars, backgrounds); 0 leaves only MAX_CONTENT_LENGTH.</summary>
    public long MaxPictureUploadSize { get; init; } = DefaultMaxPictureUploadSize;
    public const long DefaultMaxPictureUploadSize = 100L * 1024 * 1024;
    public string DefaultTimezone { get; init; } = "Europe/Paris";
    public string DefaultLocale { get; init; } = "en_US";
    public bool EnforceTwoFactor { get; init; }
    public bool IsSelfHosted { get; init; } = true;
    public string CrispToken { get; init; } = "";
    public bool SamlEnabled { get; init; }
    public string SamlIdpName { get; init; } = "";
    public bool OidcEnabled { get; init; }
    public string OidcIdpName { get; init; } = "";
    public bool IndexerConfigured { get; init; }
    public bool SentryKitsuEnabled { get; init; }
    public string SentryKitsuDsn { get; init; } = "";
    public double SentryKitsuSampleRate { get; init; } = 0.1;
    /// <summary>MAIL_ENABLED: false stops every e-mail (they are logged instead).</summary>
    public bool MailEnabled { get; init; } = true;
    /// <summary>MAIL_SERVER; empty when none is configured, then e-mails are logged, not sent.</summary>
    public string MailServer { get; init; } = "";
    public int MailPort { get; init; } = 25;
    public string MailUsername { get; init; } = "";
    public string MailPassword { get; init; } = "";
    /// <summary>MAIL_USE_TLS: STARTTLS after connecting; MAIL_USE_SSL: TLS from the first byte.</summary>
    public bool MailUseTls { get; init; }
    public bool MailUseSsl { get; init; }
    public string MailDefaultSender { get; init; } = "no-reply@your-studio.com";
    /// <summary>The public address of Kitsu, used in the links e-mails carry.</summary>
    public string DomainName { get; init; } = "localhost:8080";
    public string DomainProtocol { get; init; } = "https";
    /// <summary>SLATE_JOB_WORKERS: background jobs the server runs at a time (0: none, for API-only nodes).</summary>
    public int JobWorkers { get; init; } = 1;
    /// <summary>SLATE_JOB_POLL_SECONDS: how often idle workers look for jobs queued by other processes.</summary>
    public double JobPollSeconds { get; init; } = 1;
    /// <summary>SLATE_JOB_LEASE_SECONDS: a running job unrenewed this long (its worker died) is taken over.</summary>
    public int JobLeaseSeconds { get; init; } = 60;
    /// <summary>SLATE_JOB_MAX_ATTEMPTS: runs of a job before it is given up.</summary>
    public int JobMaxAttempts { get; init; } = 3;
    /// <summary>SLATE_JOB_RETRY_SECONDS: wait before a failed job's next attempt, times the attempts made.</summary>
    public double JobRetrySeconds { get; init; } = 10;
    /// <summary>KV_HOST: the Redis the nodes of one studio share (events between them, revoked tokens); null for none.</summary>
    public string? KvHost { get; init; }
    public int KvPort { get; init; } = 6379;
    public string? KvPassword { get; init; }

    public static Settings FromConfiguration(IConfiguration config)
    {
        var dataDir = Path.GetFullPath(config["SLATE_DATA_DIR"] is { Length: > 0 } d ? d : "data");
        Directory.CreateDirectory(dataDir);
        return new Settings
        {
            DataDir = dataDir,
            SecretKey = config["SECRET_KEY"] is { Length: > 0 } key ? key : LoadOrCreateSecret(dataDir),
            PostgresConnection = PostgresConnectionFrom(config),
            PreviewFolder = config["PREVIEW_FOLDER"] ?? config["THUMBNAIL_FOLDER"] ?? Path.Combine(dataDir, "previews"),
            FsBackend = (config["FS_BACKEND"] ?? "local").Trim().ToLowerInvariant(),
            FsBucketPrefix = config["FS_BUCKET_PREFIX"] ?? "",
            TmpDir = config["TMP_DIR"] is { Length: > 0 } tmp ? Path.GetFullPath(tmp) : Path.Combine(Path.GetTempPath(), "slate"),
            FfmpegPath = Optional(config, "SLATE_FFMPEG") ?? "ffmpeg",
            FfprobePath = Optional(config, "SLATE_FFPROBE") ?? "ffprobe",
            FfmpegTimeout = Number(config, "SLATE_FFMPEG_TIMEOUT", DefaultFfmpegTimeout) is > 0 and var timeout ? timeout : DefaultFfmpegTimeout,
            SocketPingInterval = Number(config, "SLATE_SOCKET_PING_INTERVAL", 25000) is > 0 and var interval ? interval : 25000,
            SocketPingTimeout = Number(config, "SLATE_SOCKET_PING_TIMEOUT", 20000) is > 0 and var pongTimeout ? pongTimeout : 20000,
            SkipNormalizationFull = Flag(config, "SKIP_NORMALIZATION_FULL", false),
            SkipNormalizationHighDef = Flag(config, "SKIP_NORMALIZATION_HIGHDEF", false),
            PreviewSaveSourceFile = Flag(config, "PREVIEW_SAVE_SOURCE_FILE", false),
            S3Region = Optional(config, "FS_S3_REGION"),
            S3Endpoint = Optional(config, "FS_S3_ENDPOINT"),
            S3AccessKey = Optional(config, "FS_S3_ACCESS_KEY"),
            S3SecretKey = Optional(config, "FS_S3_SECRET_KEY"),
            ClientCacheMaxAge = Number(config, "CLIENT_CACHE_MAX_AGE", 604800),
            RemoveFiles = Flag(config, "REMOVE_FILES", false),
            Debug = Flag(config, "DEBUG", false),
            AuthStrategy = config["AUTH_STRATEGY"] ?? "auth_local_classic",
            BcryptRounds = Number(config, "BCRYPT_LOG_ROUNDS", 12),
            MinPasswordLength = Number(config, "MIN_PASSWORD_LENGTH", 8),
            UserLimit = Number(config, "USER_LIMIT", 100),
            ProtectedAccounts = (config["PROTECTED_ACCOUNTS"] ?? "")
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(email => email.ToLowerInvariant()).ToHashSet(),
            CorsAllowedOrigins = (config["CORS_ALLOWED_ORIGINS"] ?? "")
                .Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            RecordsPerPage = Number(config, "NB_RECORDS_PER_PAGE", 100),
            MaxContentLength = long.TryParse(config["MAX_CONTENT_LENGTH"], out var max) ? max : 10L * 1024 * 1024 * 1024,
            MaxImagePixels = long.TryParse(config["MAX_IMAGE_PIXELS"], out var pixels) && pixels > 0 ? pixels : DefaultMaxImagePixels,
            MaxPictureUploadSize = long.TryParse(config["SLATE_MAX_PICTURE_UPLOAD_SIZE"], out var pictureSize) && pictureSize >= 0
                ? pictureSize : DefaultMaxPictureUploadSize,
            DefaultTimezone = config["DEFAULT_TIMEZONE"] ?? "Europe/Paris",
            DefaultLocale = config["DEFAULT_LOCALE"] ?? "en_US",
            EnforceTwoFactor = Flag(config, "ENFORCE_2FA", false),
            IsSelfHosted = Flag(config, "IS_SELF_HOSTED", true),
            CrispToken = config["CRISP_TOKEN"] ?? "",
            SamlEnabled = Flag(config, "SAML_ENABLED", false),
            SamlIdpName = config["SAML_IDP_NAME"] ?? "",
            OidcEnabled = Flag(config, "OIDC_ENABLED", false),
            OidcIdpName = config["OIDC_IDP_NAME"] ?? "",
            IndexerConfigured = !string.IsNullOrEmpty(config["INDEXER_KEY"]),
            SentryKitsuEnabled = Flag(config, "SENTRY_KITSU_ENABLED", false),
            SentryKitsuDsn = config["SENTRY_KITSU_DSN"] ?? "",
            SentryKitsuSampleRate = double.TryParse(config["SENTRY_KITSU_SR"], System.Globalization.CultureInfo.InvariantCulture, out var sr) ? sr : 0.1,
            MailEnabled = Flag(config, "MAIL_ENABLED", true),
            MailServer = config["MAIL_SERVER"]?.Trim() ?? "",
            MailPort = Number(config, "MAIL_PORT", 25),
            MailUsername = config["MAIL_USERNAME"] ?? "",
            MailPassword = config["MAIL_PASSWORD"] ?? "",
            MailUseTls = Flag(config, "MAIL_USE_TLS", false),
            MailUseSsl = Flag(config, "MAIL_USE_SSL", false),
            MailDefaultSender = config["MAIL_DEFAULT_SENDER"] is { Length: > 0 } sender ? sender : "no-reply@your-studio.com",
            DomainName = config["DOMAIN_NAME"] is { Length: > 0 } domain ? domain : "localhost:8080",
            DomainProtocol = config["DOMAIN_PROTOCOL"] is { Length: > 0 } protocol ? protocol : "https",
            JobWorkers = Math.Max(0, Number(config, "SLATE_JOB_WORKERS", 1)),
            JobPollSeconds = Seconds(config, "SLATE_JOB_POLL_SECONDS", 1, minimum: 0.05),
            JobLeaseSeconds = Math.Max(3, Number(config, "SLATE_JOB_LEASE_SECONDS", 60)),
            JobMaxAttempts = Math.Max(1, Number(config, "SLATE_JOB_MAX_ATTEMPTS", 3)),
            JobRetrySeconds = Seconds(config, "SLATE_JOB_RETRY_SECONDS", 10, minimum: 0),
            KvHost = Optional(config, "KV_HOST"),
            KvPort = Number(config, "KV_PORT", 6379),
            KvPassword = Optional(config, "KV_PASSWORD"),
        };
    }

    /// <summary>PostgreSQL is used when SLATE_DB_CONNECTION or Zou's DB_HOST is set; SQLite otherwise.</summary>
    static string? PostgresConnectionFrom(IConfiguration config)
    {
        if (config["SLATE_DB_CONNECTION"] is { Length: > 0 } connection) return WithFastDefaults(connection);
        if (config["DB_HOST"] is not { Length: > 0 } host) return null;
        return WithFastDefaults(new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = Number(config, "DB_PORT", 5432),
            Username = config["DB_USERNAME"] ?? "postgres",
            Password = config["DB_PASSWORD"] ?? "mysecretpassword",
            Database = config["DB_DATABASE"] ?? "zoudb",
        }.ConnectionString);
    }

    /// <summary>
    /// Npgsql settings that halve PostgreSQL's CPU per small request (docs/performance.md), unless
    /// the connection string sets them: statements run twice are prepared (no parse and plan
    /// each time), and a connection going back to the pool is not reset with DISCARD ALL (Slate
    /// changes no session state; an open transaction is still rolled back). Behind a pgbouncer in
    /// transaction mode, set "Max Auto Prepare=0".
    /// </summary>
    static string WithFastDefaults(string connection)
    {
        // The keys the text itself sets (NpgsqlConnectionStringBuilder.ContainsKey answers for any known key).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection }.Keys
            .Cast<string>().Select(key => key.Replace(" ", "").ToLowerInvariant()).ToHashSet();
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        if (!given.Contains("maxautoprepare")) builder.MaxAutoPrepare = 64;
        if (!given.Contains("autoprepareminusages")) builder.AutoPrepareMinUsages = 2;
        if (!given.Contains("noresetonclose")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    /// <summary>Never a public default: a random key, made once and kept beside the data.</summary>
    static string LoadOrCreateSecret(string dataDir)
    {
        var path = Path.Combine(dataDir, "secret_key");
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= 32 } existing) return existing;
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(48)).ToLowerInvariant();
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secret;
    }

    /// <summary>Zou's boolean parsing: y/yes/t/true/on/1 and n/no/f/false/off/0.</summary>
    public static bool Flag(IConfiguration config, string key, bool fallback) =>
        config[key]?.Trim().ToLowerInvariant() switch
        {
            "y" or "yes" or "t" or "true" or "on" or "1" => true,
            "n" or "no" or "f" or "false" or "off" or "0" => false,
            _ => fallback,
        };

    static string? Optional(IConfiguration config, string key) => config[key] is { Length: > 0 } value ? value.Trim() : null;

    static int Number(IConfiguration config, string key, int fallback) =>
        int.TryParse(config[key], out var value) ? value : fallback;

    static double Seconds(IConfiguration config, string key, double fallback, double minimum) =>
        double.TryParse(config[key], System.Globalization.CultureInfo.InvariantCulture, out var value) ? Math.Max(minimum, value) : fallback;
}
