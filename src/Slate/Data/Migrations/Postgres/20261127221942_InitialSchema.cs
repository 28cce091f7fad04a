using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slate.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    object_id = table.Column<Guid>(type: "uuid", nullable: false),
                    object_type = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    last_message = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("chat_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "custom_action",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    url = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    entity_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    is_ajax = table.Column<bool>(type: "boolean", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("custom_action_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_import_error",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_data = table.Column<string>(type: "jsonb", nullable: false),
                    source = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("data_import_error_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "department",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    color = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    archived = table.Column<bool>(type: "boolean", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("department_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "entity_type",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    short_name = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    archived = table.Column<bool>(type: "boolean", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("entity_type_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "file_status",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    color = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("file_status_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hardware_item",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    short_name = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    archived = table.Column<bool>(type: "boolean", nullable: true),
                    monthly_cost = table.Column<int>(type: "integer", nullable: true),
                    inventory_amount = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("hardware_item_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "organisation",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    hours_by_day = table.Column<double>(type: "double precision", nullable: false),
                    has_avatar = table.Column<bool>(type: "boolean", nullable: true),
                    use_original_file_name = table.Column<bool>(type: "boolean", nullable: true),
                    timesheets_locked = table.Column<bool>(type: "boolean", nullable: true),
                    format_duration_in_hours = table.Column<bool>(type: "boolean", nullable: true),
                    hd_by_default = table.Column<bool>(type: "boolean", nullable: true),
                    chat_token_slack = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    chat_webhook_mattermost = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    chat_token_discord = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    dark_theme_by_default = table.Column<bool>(type: "boolean", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("organisation_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "output_type",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    short_name = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("output_type_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "plugin",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    plugin_id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    version = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    maintainer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    maintainer_email = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    website = table.Column<string>(type: "text", nullable: true),
                    license = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    revision = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    frontend_project_enabled = table.Column<bool>(type: "boolean", nullable: true),
                    frontend_studio_enabled = table.Column<bool>(type: "boolean", nullable: true),
                    icon = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("plugin_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "preview_background_file",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    archived = table.Column<bool>(type: "boolean", nullable: true),
                    is_default = table.Column<bool>(type: "boolean", nullable: true),
                    original_name = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: true),
                    extension = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    file_size = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("preview_background_file_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "project_status",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    color = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("project_status_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "slate_revoked_token",
                columns: table => new
                {
                    jti = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("slate_revoked_token_pkey", x => x.jti);
                });

            migrationBuilder.CreateTable(
                name: "software",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    short_name = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    archived = table.Column<bool>(type: "boolean", nullable: true),
                    version = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    file_extension = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    secondary_extensions = table.Column<string>(type: "jsonb", nullable: true),
                    monthly_cost = table.Column<int>(type: "integer", nullable: true),
                    inventory_amount = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("software_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "studio",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    color = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    archived = table.Column<bool>(type: "boolean", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("studio_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "task_status",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    archived = table.Column<bool>(type: "boolean", nullable: true),
                    short_name = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    color = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: true),
                    is_done = table.Column<bool>(type: "boolean", nullable: true),
                    is_artist_allowed = table.Column<bool>(type: "boolean", nullable: true),
                    is_client_allowed = table.Column<bool>(type: "boolean", nullable: true),
                    is_retake = table.Column<bool>(type: "boolean", nullable: true),
                    is_feedback_request = table.Column<bool>(type: "boolean", nullable: true),
                    is_default = table.Column<bool>(type: "boolean", nullable: true),
                    is_wip = table.Column<bool>(type: "boolean", nullable: true, defaultValue: false),
                    shotgun_id = table.Column<int>(type: "integer", nullable: true),
                    for_concept = table.Column<bool>(type: "boolean", nullable: true, defaultValue: false),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("task_status_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "salary_scale",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    seniority = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    salary = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("salary_scale_pkey", x => x.id);
                    table.ForeignKey(
                        name: "salary_scale_department_id_fkey",
                        column: x => x.department_id,
                        principalTable: "department",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "task_type",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    short_name = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    color = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    priority = table.Column<int>(type: "integer", nullable: true),
                    for_entity = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    allow_timelog = table.Column<bool>(type: "boolean", nullable: true),
                    archived = table.Column<bool>(type: "boolean", nullable: true),
                    shotgun_id = table.Column<int>(type: "integer", nullable: true),
                    department_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("task_type_pkey", x => x.id);
                    table.ForeignKey(
                        name: "task_type_department_id_fkey",
                        column: x => x.department_id,
                        principalTable: "department",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "hardware_item_department_link",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    hardware_item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("hardware_item_department_link_pkey", x => new { x.id, x.department_id, x.hardware_item_id });
                    table.ForeignKey(
                        name: "hardware_item_department_link_department_id_fkey",
                        column: x => x.department_id,
                        principalTable: "department",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "hardware_item_department_link_hardware_item_id_fkey",
                        column: x => x.hardware_item_id,
                        principalTable: "hardware_item",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "project_template",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    fps = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    ratio = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    resolution = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    production_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    production_style = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    max_retakes = table.Column<int>(type: "integer", nullable: true),
                    is_clients_isolated = table.Column<bool>(type: "boolean", nullable: true),
                    is_preview_download_allowed = table.Column<bool>(type: "boolean", nullable: true),
                    is_set_preview_automated = table.Column<bool>(type: "boolean", nullable: true),
                    is_publish_default_for_artists = table.Column<bool>(type: "boolean", nullable: true),
                    is_single_preview_per_revision = table.Column<bool>(type: "boolean", nullable: true),
                    is_frame_in_numbering = table.Column<bool>(type: "boolean", nullable: true),
                    revision_padding = table.Column<int>(type: "integer", nullable: false),
                    homepage = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    hd_bitrate_compression = table.Column<int>(type: "integer", nullable: true),
                    ld_bitrate_compression = table.Column<int>(type: "integer", nullable: true),
                    file_tree = table.Column<string>(type: "jsonb", nullable: true),
                    data = table.Column<string>(type: "jsonb", nullable: true),
                    metadata_descriptors = table.Column<string>(type: "jsonb", nullable: true),
                    default_preview_background_file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("project_template_pkey", x => x.id);
                    table.ForeignKey(
                        name: "project_template_default_preview_background_file_id_fkey",
                        column: x => x.default_preview_background_file_id,
                        principalTable: "preview_background_file",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "software_department_link",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    software_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("software_department_link_pkey", x => new { x.id, x.department_id, x.software_id });
                    table.ForeignKey(
                        name: "software_department_link_department_id_fkey",
                        column: x => x.department_id,
                        principalTable: "department",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "software_department_link_software_id_fkey",
                        column: x => x.software_id,
                        principalTable: "software",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "person",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    first_name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    last_name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    email = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    contract_type = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: true),
                    archived = table.Column<bool>(type: "boolean", nullable: true),
                    last_presence = table.Column<DateOnly>(type: "date", nullable: true),
                    password = table.Column<byte[]>(type: "bytea", maxLength: 60, nullable: true),
                    desktop_login = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    login_failed_attemps = table.Column<int>(type: "integer", nullable: true),
                    last_login_failed = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    totp_enabled = table.Column<bool>(type: "boolean", nullable: true),
                    totp_secret = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    email_otp_enabled = table.Column<bool>(type: "boolean", nullable: true),
                    email_otp_secret = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    fido_enabled = table.Column<bool>(type: "boolean", nullable: true),
                    fido_credentials = table.Column<List<string>>(type: "jsonb[]", nullable: true),
                    otp_recovery_codes = table.Column<List<byte[]>>(type: "bytea[]", nullable: true),
                    preferred_two_factor_authentication = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    shotgun_id = table.Column<int>(type: "integer", nullable: true),
                    timezone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    locale = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    use_12_hour_clock = table.Column<bool>(type: "boolean", nullable: true),
                    display_date_format = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    data = table.Column<string>(type: "jsonb", nullable: true),
                    role = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    position = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    seniority = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    daily_salary = table.Column<int>(type: "integer", nullable: true),
                    has_avatar = table.Column<bool>(type: "boolean", nullable: true),
                    notifications_enabled = table.Column<bool>(type: "boolean", nullable: true),
                    notifications_slack_enabled = table.Column<bool>(type: "boolean", nullable: true),
                    notifications_slack_userid = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    notifications_mattermost_enabled = table.Column<bool>(type: "boolean", nullable: true),
                    notifications_mattermost_userid = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    notifications_discord_enabled = table.Column<bool>(type: "boolean", nullable: true),
                    notifications_discord_userid = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    is_bot = table.Column<bool>(type: "boolean", nullable: false),
                    is_guest = table.Column<bool>(type: "boolean", nullable: false),
                    jti = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    expiration_date = table.Column<DateOnly>(type: "date", nullable: true),
                    is_generated_from_ldap = table.Column<bool>(type: "boolean", nullable: true),
                    ldap_uid = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    studio_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("person_pkey", x => x.id);
                    table.ForeignKey(
                        name: "person_studio_id_fkey",
                        column: x => x.studio_id,
                        principalTable: "studio",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "status_automation",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    in_task_type_id = table.Column<Guid>(type: "uuid", nullable: true),
                    in_task_status_id = table.Column<Guid>(type: "uuid", nullable: true),
                    out_field_type = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    out_task_type_id = table.Column<Guid>(type: "uuid", nullable: true),
                    out_task_status_id = table.Column<Guid>(type: "uuid", nullable: true),
                    import_last_revision = table.Column<bool>(type: "boolean", nullable: true),
                    archived = table.Column<bool>(type: "boolean", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("status_automation_pkey", x => x.id);
                    table.ForeignKey(
                        name: "status_automation_in_task_status_id_fkey",
                        column: x => x.in_task_status_id,
                        principalTable: "task_status",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "status_automation_in_task_type_id_fkey",
                        column: x => x.in_task_type_id,
                        principalTable: "task_type",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "status_automation_out_task_status_id_fkey",
                        column: x => x.out_task_status_id,
                        principalTable: "task_status",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "status_automation_out_task_type_id_fkey",
                        column: x => x.out_task_type_id,
                        principalTable: "task_type",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "task_type_asset_type_link",
                columns: table => new
                {
                    asset_type_id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_type_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("task_type_asset_type_link_pkey", x => new { x.asset_type_id, x.task_type_id });
                    table.ForeignKey(
                        name: "task_type_asset_type_link_asset_type_id_fkey",
                        column: x => x.asset_type_id,
                        principalTable: "entity_type",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "task_type_asset_type_link_task_type_id_fkey",
                        column: x => x.task_type_id,
                        principalTable: "task_type",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "project_template_asset_type_link",
                columns: table => new
                {
                    project_template_id = table.Column<Guid>(type: "uuid", nullable: false),
                    asset_type_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("project_template_asset_type_link_pkey", x => new { x.project_template_id, x.asset_type_id });
                    table.ForeignKey(
                        name: "project_template_asset_type_link_asset_type_id_fkey",
                        column: x => x.asset_type_id,
                        principalTable: "entity_type",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "project_template_asset_type_link_project_template_id_fkey",
                        column: x => x.project_template_id,
                        principalTable: "project_template",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "project_template_preview_background_file_link",
                columns: table => new
                {
                    project_template_id = table.Column<Guid>(type: "uuid", nullable: false),
                    preview_background_file_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("project_template_preview_background_file_link_pkey", x => new { x.project_template_id, x.preview_background_file_id });
                    table.ForeignKey(
                        name: "project_template_preview_background_file_link_preview_background_file_id_fkey",
                        column: x => x.preview_background_file_id,
                        principalTable: "preview_background_file",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "project_template_preview_background_file_link_project_template_id_fkey",
                        column: x => x.project_template_id,
                        principalTable: "project_template",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "project_template_task_status_link",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_template_id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_status_id = table.Column<Guid>(type: "uuid", nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: true),
                    roles_for_board = table.Column<List<string>>(type: "character varying(255)[]", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("project_template_task_status_link_pkey", x => new { x.id, x.project_template_id, x.task_status_id });
                    table.ForeignKey(
                        name: "project_template_task_status_link_project_template_id_fkey",
                        column: x => x.project_template_id,
                        principalTable: "project_template",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "project_template_task_status_link_task_status_id_fkey",
                        column: x => x.task_status_id,
                        principalTable: "task_status",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "project_template_task_type_link",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_template_id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_type_id = table.Column<Guid>(type: "uuid", nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("project_template_task_type_link_pkey", x => new { x.id, x.project_template_id, x.task_type_id });
                    table.ForeignKey(
                        name: "project_template_task_type_link_project_template_id_fkey",
                        column: x => x.project_template_id,
                        principalTable: "project_template",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "project_template_task_type_link_task_type_id_fkey",
                        column: x => x.task_type_id,
                        principalTable: "task_type",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "chat_message",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    chat_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    text = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("chat_message_pkey", x => x.id);
                    table.ForeignKey(
                        name: "chat_message_chat_id_fkey",
                        column: x => x.chat_id,
                        principalTable: "chat",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "chat_message_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "chat_participant",
                columns: table => new
                {
                    chat_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("chat_participant_pkey", x => new { x.chat_id, x.person_id });
                    table.ForeignKey(
                        name: "chat_participant_chat_id_fkey",
                        column: x => x.chat_id,
                        principalTable: "chat",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "chat_participant_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "day_off",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("day_off_pkey", x => x.id);
                    table.CheckConstraint("day_off_date_check", "date <= end_date");
                    table.ForeignKey(
                        name: "day_off_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "department_link",
                columns: table => new
                {
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("department_link_pkey", x => new { x.person_id, x.department_id });
                    table.ForeignKey(
                        name: "department_link_department_id_fkey",
                        column: x => x.department_id,
                        principalTable: "department",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "department_link_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "desktop_login_log",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("desktop_login_log_pkey", x => x.id);
                    table.ForeignKey(
                        name: "desktop_login_log_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "login_log",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ip_address = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    origin = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("login_log_pkey", x => x.id);
                    table.ForeignKey(
                        name: "login_log_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "slate_password_change",
                columns: table => new
                {
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("slate_password_change_pkey", x => x.person_id);
                    table.ForeignKey(
                        name: "slate_password_change_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "project_template_status_automation_link",
                columns: table => new
                {
                    project_template_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status_automation_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("project_template_status_automation_link_pkey", x => new { x.project_template_id, x.status_automation_id });
                    table.ForeignKey(
                        name: "project_template_status_automation_link_project_template_id_fkey",
                        column: x => x.project_template_id,
                        principalTable: "project_template",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "project_template_status_automation_link_status_automation_id_fkey",
                        column: x => x.status_automation_id,
                        principalTable: "status_automation",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "api_event",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    project_id = table.Column<Guid>(type: "uuid", nullable: true),
                    data = table.Column<string>(type: "jsonb", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("api_event_pkey", x => x.id);
                    table.ForeignKey(
                        name: "api_event_user_id_fkey",
                        column: x => x.user_id,
                        principalTable: "person",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "asset_instance",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    asset_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    number = table.Column<int>(type: "integer", nullable: true),
                    description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: true),
                    data = table.Column<string>(type: "jsonb", nullable: true),
                    scene_id = table.Column<Guid>(type: "uuid", nullable: true),
                    target_asset_id = table.Column<Guid>(type: "uuid", nullable: true),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    entity_type_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("asset_instance_pkey", x => x.id);
                    table.ForeignKey(
                        name: "asset_instance_entity_type_id_fkey",
                        column: x => x.entity_type_id,
                        principalTable: "entity_type",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "asset_instance_link",
                columns: table => new
                {
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    asset_instance_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("asset_instance_link_pkey", x => new { x.entity_id, x.asset_instance_id });
                    table.ForeignKey(
                        name: "asset_instance_link_asset_instance_id_fkey",
                        column: x => x.asset_instance_id,
                        principalTable: "asset_instance",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "attachment_file",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: true),
                    size = table.Column<long>(type: "bigint", nullable: true),
                    extension = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    mimetype = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    comment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reply_id = table.Column<Guid>(type: "uuid", nullable: true),
                    chat_message_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("attachment_file_pkey", x => x.id);
                    table.ForeignKey(
                        name: "attachment_file_chat_message_id_fkey",
                        column: x => x.chat_message_id,
                        principalTable: "chat_message",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "budget",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("budget_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "budget_entry",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    budget_id = table.Column<Guid>(type: "uuid", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    months_duration = table.Column<int>(type: "integer", nullable: false),
                    daily_salary = table.Column<double>(type: "double precision", nullable: false),
                    position = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    seniority = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    exceptions = table.Column<string>(type: "jsonb", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("budget_entry_pkey", x => x.id);
                    table.ForeignKey(
                        name: "budget_entry_budget_id_fkey",
                        column: x => x.budget_id,
                        principalTable: "budget",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "budget_entry_department_id_fkey",
                        column: x => x.department_id,
                        principalTable: "department",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "budget_entry_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "build_job",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    job_type = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ended_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    playlist_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("build_job_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "comment",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    shotgun_id = table.Column<int>(type: "integer", nullable: true),
                    object_id = table.Column<Guid>(type: "uuid", nullable: false),
                    object_type = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    text = table.Column<string>(type: "text", nullable: true),
                    data = table.Column<string>(type: "jsonb", nullable: true),
                    replies = table.Column<string>(type: "jsonb", nullable: true),
                    checklist = table.Column<string>(type: "jsonb", nullable: true),
                    pinned = table.Column<bool>(type: "boolean", nullable: true),
                    for_client = table.Column<bool>(type: "boolean", nullable: true),
                    links = table.Column<List<string>>(type: "character varying[]", nullable: true),
                    task_status_id = table.Column<Guid>(type: "uuid", nullable: true),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    editor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    preview_file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("comment_pkey", x => x.id);
                    table.ForeignKey(
                        name: "comment_editor_id_fkey",
                        column: x => x.editor_id,
                        principalTable: "person",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "comment_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "comment_task_status_id_fkey",
                        column: x => x.task_status_id,
                        principalTable: "task_status",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "comment_acknoledgments",
                columns: table => new
                {
                    comment = table.Column<Guid>(type: "uuid", nullable: false),
                    person = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("comment_acknoledgments_pkey", x => new { x.comment, x.person });
                    table.ForeignKey(
                        name: "comment_acknoledgments_comment_fkey",
                        column: x => x.comment,
                        principalTable: "comment",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "comment_acknoledgments_person_fkey",
                        column: x => x.person,
                        principalTable: "person",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "comment_department_mentions",
                columns: table => new
                {
                    comment = table.Column<Guid>(type: "uuid", nullable: false),
                    department = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("comment_department_mentions_pkey", x => new { x.comment, x.department });
                    table.ForeignKey(
                        name: "comment_department_mentions_comment_fkey",
                        column: x => x.comment,
                        principalTable: "comment",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "comment_department_mentions_department_fkey",
                        column: x => x.department,
                        principalTable: "department",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "comment_mentions",
                columns: table => new
                {
                    comment = table.Column<Guid>(type: "uuid", nullable: false),
                    person = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("comment_mentions_pkey", x => new { x.comment, x.person });
                    table.ForeignKey(
                        name: "comment_mentions_comment_fkey",
                        column: x => x.comment,
                        principalTable: "comment",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "comment_mentions_person_fkey",
                        column: x => x.person,
                        principalTable: "person",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "comment_preview_link",
                columns: table => new
                {
                    comment = table.Column<Guid>(type: "uuid", nullable: false),
                    preview_file = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("comment_preview_link_pkey", x => new { x.comment, x.preview_file });
                    table.ForeignKey(
                        name: "comment_preview_link_comment_fkey",
                        column: x => x.comment,
                        principalTable: "comment",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "department_metadata_descriptor_link",
                columns: table => new
                {
                    metadata_descriptor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("department_metadata_descriptor_link_pkey", x => new { x.metadata_descriptor_id, x.department_id });
                    table.ForeignKey(
                        name: "department_metadata_descriptor_link_department_id_fkey",
                        column: x => x.department_id,
                        principalTable: "department",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "entity",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    code = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    shotgun_id = table.Column<int>(type: "integer", nullable: true),
                    canceled = table.Column<bool>(type: "boolean", nullable: true),
                    nb_frames = table.Column<int>(type: "integer", nullable: true),
                    nb_entities_out = table.Column<int>(type: "integer", nullable: true),
                    is_casting_standby = table.Column<bool>(type: "boolean", nullable: true),
                    is_shared = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity_type_id = table.Column<Guid>(type: "uuid", nullable: false),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source_id = table.Column<Guid>(type: "uuid", nullable: true),
                    preview_file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    data = table.Column<string>(type: "jsonb", nullable: true),
                    ready_for = table.Column<Guid>(type: "uuid", nullable: true),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("entity_pkey", x => x.id);
                    table.ForeignKey(
                        name: "entity_created_by_fkey",
                        column: x => x.created_by,
                        principalTable: "person",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "entity_entity_type_id_fkey",
                        column: x => x.entity_type_id,
                        principalTable: "entity_type",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "entity_parent_id_fkey",
                        column: x => x.parent_id,
                        principalTable: "entity",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "entity_ready_for_fkey",
                        column: x => x.ready_for,
                        principalTable: "task_type",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "entity_source_id_fkey",
                        column: x => x.source_id,
                        principalTable: "entity",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "entity_concept_link",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity_in_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity_out_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("entity_concept_link_pkey", x => new { x.id, x.entity_in_id, x.entity_out_id });
                    table.ForeignKey(
                        name: "entity_concept_link_entity_in_id_fkey",
                        column: x => x.entity_in_id,
                        principalTable: "entity",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "entity_concept_link_entity_out_id_fkey",
                        column: x => x.entity_out_id,
                        principalTable: "entity",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "entity_link",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity_in_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity_out_id = table.Column<Guid>(type: "uuid", nullable: false),
                    data = table.Column<string>(type: "jsonb", nullable: true),
                    nb_occurences = table.Column<int>(type: "integer", nullable: true),
                    label = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("entity_link_pkey", x => new { x.id, x.entity_in_id, x.entity_out_id });
                    table.ForeignKey(
                        name: "entity_link_entity_in_id_fkey",
                        column: x => x.entity_in_id,
                        principalTable: "entity",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "entity_link_entity_out_id_fkey",
                        column: x => x.entity_out_id,
                        principalTable: "entity",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "entity_version",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    data = table.Column<string>(type: "jsonb", nullable: true),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("entity_version_pkey", x => x.id);
                    table.ForeignKey(
                        name: "entity_version_entity_id_fkey",
                        column: x => x.entity_id,
                        principalTable: "entity",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "entity_version_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "metadata_descriptor",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity_type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    task_type_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    data_type = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    field_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    choices = table.Column<string>(type: "jsonb", nullable: true),
                    for_client = table.Column<bool>(type: "boolean", nullable: true),
                    position = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("metadata_descriptor_pkey", x => x.id);
                    table.ForeignKey(
                        name: "metadata_descriptor_task_type_id_fkey",
                        column: x => x.task_type_id,
                        principalTable: "task_type",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "milestone",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: true),
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: true),
                    task_type_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("milestone_pkey", x => x.id);
                    table.ForeignKey(
                        name: "milestone_task_type_id_fkey",
                        column: x => x.task_type_id,
                        principalTable: "task_type",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "news",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    change = table.Column<bool>(type: "boolean", nullable: false),
                    author_id = table.Column<Guid>(type: "uuid", nullable: false),
                    comment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    preview_file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("news_pkey", x => x.id);
                    table.ForeignKey(
                        name: "news_author_id_fkey",
                        column: x => x.author_id,
                        principalTable: "person",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "news_comment_id_fkey",
                        column: x => x.comment_id,
                        principalTable: "comment",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "notification",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    read = table.Column<bool>(type: "boolean", nullable: false),
                    change = table.Column<bool>(type: "boolean", nullable: false),
                    type = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_id = table.Column<Guid>(type: "uuid", nullable: false),
                    comment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    playlist_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reply_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("notification_pkey", x => x.id);
                    table.ForeignKey(
                        name: "notification_author_id_fkey",
                        column: x => x.author_id,
                        principalTable: "person",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "notification_comment_id_fkey",
                        column: x => x.comment_id,
                        principalTable: "comment",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "notification_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "output_file",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    shotgun_id = table.Column<int>(type: "integer", nullable: true),
                    name = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    canceled = table.Column<bool>(type: "boolean", nullable: false),
                    size = table.Column<int>(type: "integer", nullable: true),
                    checksum = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    comment = table.Column<string>(type: "text", nullable: true),
                    extension = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    representation = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    nb_elements = table.Column<int>(type: "integer", nullable: true),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    data = table.Column<string>(type: "jsonb", nullable: true),
                    file_status_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    asset_instance_id = table.Column<Guid>(type: "uuid", nullable: true),
                    output_type_id = table.Column<Guid>(type: "uuid", nullable: true),
                    task_type_id = table.Column<Guid>(type: "uuid", nullable: true),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source_file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    temporal_entity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("output_file_pkey", x => x.id);
                    table.ForeignKey(
                        name: "output_file_asset_instance_id_fkey",
                        column: x => x.asset_instance_id,
                        principalTable: "asset_instance",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "output_file_entity_id_fkey",
                        column: x => x.entity_id,
                        principalTable: "entity",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "output_file_file_status_id_fkey",
                        column: x => x.file_status_id,
                        principalTable: "file_status",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "output_file_output_type_id_fkey",
                        column: x => x.output_type_id,
                        principalTable: "output_type",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "output_file_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "output_file_task_type_id_fkey",
                        column: x => x.task_type_id,
                        principalTable: "task_type",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "output_file_temporal_entity_id_fkey",
                        column: x => x.temporal_entity_id,
                        principalTable: "entity",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "playlist",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    shots = table.Column<string>(type: "jsonb", nullable: true),
                    project_id = table.Column<Guid>(type: "uuid", nullable: true),
                    episode_id = table.Column<Guid>(type: "uuid", nullable: true),
                    task_type_id = table.Column<Guid>(type: "uuid", nullable: true),
                    for_client = table.Column<bool>(type: "boolean", nullable: true),
                    for_entity = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    is_for_all = table.Column<bool>(type: "boolean", nullable: true),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("playlist_pkey", x => x.id);
                    table.ForeignKey(
                        name: "playlist_created_by_fkey",
                        column: x => x.created_by,
                        principalTable: "person",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "playlist_episode_id_fkey",
                        column: x => x.episode_id,
                        principalTable: "entity",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "playlist_task_type_id_fkey",
                        column: x => x.task_type_id,
                        principalTable: "task_type",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "playlist_share_link",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    playlist_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    expiration_date = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    can_comment = table.Column<bool>(type: "boolean", nullable: false),
                    password = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("playlist_share_link_pkey", x => x.id);
                    table.ForeignKey(
                        name: "playlist_share_link_created_by_fkey",
                        column: x => x.created_by,
                        principalTable: "person",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "playlist_share_link_playlist_id_fkey",
                        column: x => x.playlist_id,
                        principalTable: "playlist",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "preview_file",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: true),
                    original_name = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: true),
                    position = table.Column<int>(type: "integer", nullable: true),
                    extension = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    file_size = table.Column<long>(type: "bigint", nullable: true),
                    status = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    validation_status = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    annotations = table.Column<string>(type: "jsonb", nullable: true),
                    width = table.Column<int>(type: "integer", nullable: true),
                    height = table.Column<int>(type: "integer", nullable: true),
                    duration = table.Column<double>(type: "double precision", nullable: true),
                    data = table.Column<string>(type: "jsonb", nullable: true),
                    token_in = table.Column<int>(type: "integer", nullable: true),
                    token_out = table.Column<int>(type: "integer", nullable: true),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source_file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    shotgun_id = table.Column<int>(type: "integer", nullable: true),
                    is_movie = table.Column<bool>(type: "boolean", nullable: true),
                    url = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: true),
                    uploaded_movie_url = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: true),
                    uploaded_movie_name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("preview_file_pkey", x => x.id);
                    table.ForeignKey(
                        name: "preview_file_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "preview_file_source_file_id_fkey",
                        column: x => x.source_file_id,
                        principalTable: "output_file",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "production_schedule_version",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    production_schedule_from = table.Column<Guid>(type: "uuid", nullable: true),
                    locked = table.Column<bool>(type: "boolean", nullable: true),
                    canceled = table.Column<bool>(type: "boolean", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("production_schedule_version_pkey", x => x.id);
                    table.ForeignKey(
                        name: "production_schedule_version_production_schedule_from_fkey",
                        column: x => x.production_schedule_from,
                        principalTable: "production_schedule_version",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "project",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    code = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    shotgun_id = table.Column<int>(type: "integer", nullable: true),
                    file_tree = table.Column<string>(type: "jsonb", nullable: true),
                    data = table.Column<string>(type: "jsonb", nullable: true),
                    has_avatar = table.Column<bool>(type: "boolean", nullable: true),
                    fps = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    ratio = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    resolution = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    production_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    production_style = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: true),
                    end_date = table.Column<DateOnly>(type: "date", nullable: true),
                    man_days = table.Column<int>(type: "integer", nullable: true),
                    nb_episodes = table.Column<int>(type: "integer", nullable: true),
                    episode_span = table.Column<int>(type: "integer", nullable: true),
                    max_retakes = table.Column<int>(type: "integer", nullable: true),
                    is_clients_isolated = table.Column<bool>(type: "boolean", nullable: true),
                    is_preview_download_allowed = table.Column<bool>(type: "boolean", nullable: true),
                    is_set_preview_automated = table.Column<bool>(type: "boolean", nullable: true),
                    homepage = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    is_publish_default_for_artists = table.Column<bool>(type: "boolean", nullable: true),
                    is_bot_collaboration_enabled = table.Column<bool>(type: "boolean", nullable: true),
                    is_single_preview_per_revision = table.Column<bool>(type: "boolean", nullable: true),
                    is_frame_in_numbering = table.Column<bool>(type: "boolean", nullable: true),
                    revision_padding = table.Column<int>(type: "integer", nullable: false),
                    hd_bitrate_compression = table.Column<int>(type: "integer", nullable: true),
                    ld_bitrate_compression = table.Column<int>(type: "integer", nullable: true),
                    project_status_id = table.Column<Guid>(type: "uuid", nullable: true),
                    default_preview_background_file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    from_schedule_version_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("project_pkey", x => x.id);
                    table.ForeignKey(
                        name: "project_default_preview_background_file_id_fkey",
                        column: x => x.default_preview_background_file_id,
                        principalTable: "preview_background_file",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "project_from_schedule_version_id_fkey",
                        column: x => x.from_schedule_version_id,
                        principalTable: "production_schedule_version",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "project_project_status_id_fkey",
                        column: x => x.project_status_id,
                        principalTable: "project_status",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "project_asset_type_link",
                columns: table => new
                {
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    asset_type_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("project_asset_type_link_pkey", x => new { x.project_id, x.asset_type_id });
                    table.ForeignKey(
                        name: "project_asset_type_link_asset_type_id_fkey",
                        column: x => x.asset_type_id,
                        principalTable: "entity_type",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "project_asset_type_link_project_id_fkey",
                        column: x => x.project_id,
                        principalTable: "project",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "project_person_link",
                columns: table => new
                {
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    shotgun_id = table.Column<int>(type: "integer", nullable: true),
                    role = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("project_person_link_pkey", x => new { x.project_id, x.person_id });
                    table.ForeignKey(
                        name: "project_person_link_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "project_person_link_project_id_fkey",
                        column: x => x.project_id,
                        principalTable: "project",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "project_preview_background_file_link",
                columns: table => new
                {
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    preview_background_file_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("project_preview_background_file_link_pkey", x => new { x.project_id, x.preview_background_file_id });
                    table.ForeignKey(
                        name: "project_preview_background_file_link_preview_background_file_id_fkey",
                        column: x => x.preview_background_file_id,
                        principalTable: "preview_background_file",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "project_preview_background_file_link_project_id_fkey",
                        column: x => x.project_id,
                        principalTable: "project",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "project_status_automation_link",
                columns: table => new
                {
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status_automation_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("project_status_automation_link_pkey", x => new { x.project_id, x.status_automation_id });
                    table.ForeignKey(
                        name: "project_status_automation_link_project_id_fkey",
                        column: x => x.project_id,
                        principalTable: "project",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "project_status_automation_link_status_automation_id_fkey",
                        column: x => x.status_automation_id,
                        principalTable: "status_automation",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "project_task_status_link",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_status_id = table.Column<Guid>(type: "uuid", nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: true),
                    roles_for_board = table.Column<List<string>>(type: "character varying(255)[]", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("project_task_status_link_pkey", x => new { x.id, x.project_id, x.task_status_id });
                    table.ForeignKey(
                        name: "project_task_status_link_project_id_fkey",
                        column: x => x.project_id,
                        principalTable: "project",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "project_task_status_link_task_status_id_fkey",
                        column: x => x.task_status_id,
                        principalTable: "task_status",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "project_task_type_link",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_type_id = table.Column<Guid>(type: "uuid", nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("project_task_type_link_pkey", x => new { x.id, x.project_id, x.task_type_id });
                    table.ForeignKey(
                        name: "project_task_type_link_project_id_fkey",
                        column: x => x.project_id,
                        principalTable: "project",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "project_task_type_link_task_type_id_fkey",
                        column: x => x.task_type_id,
                        principalTable: "task_type",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "schedule_item",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: true),
                    end_date = table.Column<DateOnly>(type: "date", nullable: true),
                    man_days = table.Column<int>(type: "integer", nullable: true),
                    project_id = table.Column<Guid>(type: "uuid", nullable: true),
                    task_type_id = table.Column<Guid>(type: "uuid", nullable: true),
                    object_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("schedule_item_pkey", x => x.id);
                    table.ForeignKey(
                        name: "schedule_item_project_id_fkey",
                        column: x => x.project_id,
                        principalTable: "project",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "schedule_item_task_type_id_fkey",
                        column: x => x.task_type_id,
                        principalTable: "task_type",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "search_filter_group",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    list_type = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    entity_type = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    color = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    is_shared = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    project_id = table.Column<Guid>(type: "uuid", nullable: true),
                    department_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("search_filter_group_pkey", x => x.id);
                    table.ForeignKey(
                        name: "search_filter_group_department_id_fkey",
                        column: x => x.department_id,
                        principalTable: "department",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "search_filter_group_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "search_filter_group_project_id_fkey",
                        column: x => x.project_id,
                        principalTable: "project",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "task",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    priority = table.Column<int>(type: "integer", nullable: true),
                    difficulty = table.Column<int>(type: "integer", nullable: false),
                    duration = table.Column<double>(type: "double precision", nullable: true),
                    estimation = table.Column<double>(type: "double precision", nullable: true),
                    completion_rate = table.Column<int>(type: "integer", nullable: true),
                    retake_count = table.Column<int>(type: "integer", nullable: true),
                    sort_order = table.Column<int>(type: "integer", nullable: true),
                    start_date = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    due_date = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    real_start_date = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    end_date = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    done_date = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    last_comment_date = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    nb_assets_ready = table.Column<int>(type: "integer", nullable: true),
                    data = table.Column<string>(type: "jsonb", nullable: true),
                    nb_drawings = table.Column<int>(type: "integer", nullable: true),
                    shotgun_id = table.Column<int>(type: "integer", nullable: true),
                    last_preview_file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    project_id = table.Column<Guid>(type: "uuid", nullable: true),
                    task_type_id = table.Column<Guid>(type: "uuid", nullable: true),
                    task_status_id = table.Column<Guid>(type: "uuid", nullable: true),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    assigner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("task_pkey", x => x.id);
                    table.CheckConstraint("check_difficulty", "difficulty > 0 AND difficulty < 6");
                    table.ForeignKey(
                        name: "task_assigner_id_fkey",
                        column: x => x.assigner_id,
                        principalTable: "person",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "task_entity_id_fkey",
                        column: x => x.entity_id,
                        principalTable: "entity",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "task_project_id_fkey",
                        column: x => x.project_id,
                        principalTable: "project",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "task_task_status_id_fkey",
                        column: x => x.task_status_id,
                        principalTable: "task_status",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "task_task_type_id_fkey",
                        column: x => x.task_type_id,
                        principalTable: "task_type",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "search_filter",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    list_type = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    entity_type = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    search_query = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    is_shared = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: true),
                    search_filter_group_id = table.Column<Guid>(type: "uuid", nullable: true),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    project_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("search_filter_pkey", x => x.id);
                    table.ForeignKey(
                        name: "search_filter_department_id_fkey",
                        column: x => x.department_id,
                        principalTable: "department",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "search_filter_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "search_filter_project_id_fkey",
                        column: x => x.project_id,
                        principalTable: "project",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "search_filter_search_filter_group_id_fkey",
                        column: x => x.search_filter_group_id,
                        principalTable: "search_filter_group",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "production_schedule_version_task_link",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    production_schedule_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    start_date = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    due_date = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    estimation = table.Column<double>(type: "double precision", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("production_schedule_version_task_link_pkey", x => x.id);
                    table.ForeignKey(
                        name: "production_schedule_version_task_link_production_schedule_version_id_fkey",
                        column: x => x.production_schedule_version_id,
                        principalTable: "production_schedule_version",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "production_schedule_version_task_link_task_id_fkey",
                        column: x => x.task_id,
                        principalTable: "task",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "subscription",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    task_type_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("subscription_pkey", x => x.id);
                    table.ForeignKey(
                        name: "subscription_entity_id_fkey",
                        column: x => x.entity_id,
                        principalTable: "entity",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "subscription_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "subscription_task_id_fkey",
                        column: x => x.task_id,
                        principalTable: "task",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "subscription_task_type_id_fkey",
                        column: x => x.task_type_id,
                        principalTable: "task_type",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "task_person_link",
                columns: table => new
                {
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("task_person_link_pkey", x => new { x.task_id, x.person_id });
                    table.ForeignKey(
                        name: "task_person_link_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "task_person_link_task_id_fkey",
                        column: x => x.task_id,
                        principalTable: "task",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "time_spent",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    duration = table.Column<double>(type: "double precision", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("time_spent_pkey", x => x.id);
                    table.CheckConstraint("check_duration_positive", "duration > 0");
                    table.ForeignKey(
                        name: "time_spent_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "time_spent_task_id_fkey",
                        column: x => x.task_id,
                        principalTable: "task",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "working_file",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    shotgun_id = table.Column<int>(type: "integer", nullable: true),
                    name = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    comment = table.Column<string>(type: "text", nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: true),
                    size = table.Column<int>(type: "integer", nullable: true),
                    checksum = table.Column<int>(type: "integer", nullable: true),
                    path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    data = table.Column<string>(type: "jsonb", nullable: true),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    software_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("working_file_pkey", x => x.id);
                    table.ForeignKey(
                        name: "working_file_entity_id_fkey",
                        column: x => x.entity_id,
                        principalTable: "entity",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "working_file_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "working_file_software_id_fkey",
                        column: x => x.software_id,
                        principalTable: "software",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "working_file_task_id_fkey",
                        column: x => x.task_id,
                        principalTable: "task",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "production_schedule_version_task_link_person_link",
                columns: table => new
                {
                    production_schedule_version_task_link_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("production_schedule_version_task_link_person_link_pkey", x => new { x.production_schedule_version_task_link_id, x.person_id });
                    table.ForeignKey(
                        name: "production_schedule_version_task_link_person_link_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "production_schedule_version_task_link_person_link_production_schedule_version_task_link_id_fkey",
                        column: x => x.production_schedule_version_task_link_id,
                        principalTable: "production_schedule_version_task_link",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_event_created_at",
                table: "api_event",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_api_event_name",
                table: "api_event",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_api_event_project_id",
                table: "api_event",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_api_event_project_id_created_at",
                table: "api_event",
                columns: new[] { "project_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_api_event_user_id",
                table: "api_event",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_asset_instance_entity_id",
                table: "asset_instance",
                column: "entity_id");

            migrationBuilder.CreateIndex(
                name: "IX_asset_instance_entity_type_id",
                table: "asset_instance",
                column: "entity_type_id");

            migrationBuilder.CreateIndex(
                name: "asset_instance_uc",
                table: "asset_instance",
                columns: new[] { "asset_id", "target_asset_id", "scene_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_asset_instance_asset_id",
                table: "asset_instance",
                column: "asset_id");

            migrationBuilder.CreateIndex(
                name: "ix_asset_instance_scene_id",
                table: "asset_instance",
                column: "scene_id");

            migrationBuilder.CreateIndex(
                name: "ix_asset_instance_target_asset_id",
                table: "asset_instance",
                column: "target_asset_id");

            migrationBuilder.CreateIndex(
                name: "IX_asset_instance_link_asset_instance_id",
                table: "asset_instance_link",
                column: "asset_instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_attachment_file_chat_message_id",
                table: "attachment_file",
                column: "chat_message_id");

            migrationBuilder.CreateIndex(
                name: "ix_attachment_file_comment_id",
                table: "attachment_file",
                column: "comment_id");

            migrationBuilder.CreateIndex(
                name: "ix_budget_project_id",
                table: "budget",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_budget_entry_budget_id",
                table: "budget_entry",
                column: "budget_id");

            migrationBuilder.CreateIndex(
                name: "ix_budget_entry_department_id",
                table: "budget_entry",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_budget_entry_person_id",
                table: "budget_entry",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_build_job_playlist_id",
                table: "build_job",
                column: "playlist_id");

            migrationBuilder.CreateIndex(
                name: "ix_chat_object_id",
                table: "chat",
                column: "object_id");

            migrationBuilder.CreateIndex(
                name: "ix_chat_object_type",
                table: "chat",
                column: "object_type");

            migrationBuilder.CreateIndex(
                name: "ix_chat_message_chat_id",
                table: "chat_message",
                column: "chat_id");

            migrationBuilder.CreateIndex(
                name: "ix_chat_message_person_id",
                table: "chat_message",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "IX_chat_participant_person_id",
                table: "chat_participant",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "IX_comment_preview_file_id",
                table: "comment",
                column: "preview_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_comment_editor_id",
                table: "comment",
                column: "editor_id");

            migrationBuilder.CreateIndex(
                name: "ix_comment_object_id",
                table: "comment",
                column: "object_id");

            migrationBuilder.CreateIndex(
                name: "ix_comment_object_type",
                table: "comment",
                column: "object_type");

            migrationBuilder.CreateIndex(
                name: "ix_comment_person_id",
                table: "comment",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_comment_task_status_id",
                table: "comment",
                column: "task_status_id");

            migrationBuilder.CreateIndex(
                name: "IX_comment_acknoledgments_person",
                table: "comment_acknoledgments",
                column: "person");

            migrationBuilder.CreateIndex(
                name: "IX_comment_department_mentions_department",
                table: "comment_department_mentions",
                column: "department");

            migrationBuilder.CreateIndex(
                name: "IX_comment_mentions_person",
                table: "comment_mentions",
                column: "person");

            migrationBuilder.CreateIndex(
                name: "ix_comment_preview_link_comment",
                table: "comment_preview_link",
                column: "comment");

            migrationBuilder.CreateIndex(
                name: "ix_comment_preview_link_preview_file",
                table: "comment_preview_link",
                column: "preview_file");

            migrationBuilder.CreateIndex(
                name: "day_off_uc",
                table: "day_off",
                columns: new[] { "person_id", "date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_day_off_person_id",
                table: "day_off",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "department_name_key",
                table: "department",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "department_link_uc",
                table: "department_link",
                columns: new[] { "person_id", "department_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_department_link_department_id",
                table: "department_link",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_department_link_person_id",
                table: "department_link",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "department_metadata_descriptor_link_uc",
                table: "department_metadata_descriptor_link",
                columns: new[] { "metadata_descriptor_id", "department_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_department_metadata_descriptor_link_department_id",
                table: "department_metadata_descriptor_link",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_department_metadata_descriptor_link_metadata_descriptor_id",
                table: "department_metadata_descriptor_link",
                column: "metadata_descriptor_id");

            migrationBuilder.CreateIndex(
                name: "ix_desktop_login_log_person_id",
                table: "desktop_login_log",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "IX_entity_created_by",
                table: "entity",
                column: "created_by");

            migrationBuilder.CreateIndex(
                name: "IX_entity_preview_file_id",
                table: "entity",
                column: "preview_file_id");

            migrationBuilder.CreateIndex(
                name: "IX_entity_ready_for",
                table: "entity",
                column: "ready_for");

            migrationBuilder.CreateIndex(
                name: "entity_uc",
                table: "entity",
                columns: new[] { "name", "project_id", "entity_type_id", "parent_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_entity_entity_type_id",
                table: "entity",
                column: "entity_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_entity_parent_id",
                table: "entity",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_entity_project_id",
                table: "entity",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_entity_project_type_status",
                table: "entity",
                columns: new[] { "project_id", "entity_type_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_entity_source_id",
                table: "entity",
                column: "source_id");

            migrationBuilder.CreateIndex(
                name: "ix_entity_status",
                table: "entity",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_entity_concept_link_entity_in_id",
                table: "entity_concept_link",
                column: "entity_in_id");

            migrationBuilder.CreateIndex(
                name: "IX_entity_concept_link_entity_out_id",
                table: "entity_concept_link",
                column: "entity_out_id");

            migrationBuilder.CreateIndex(
                name: "entity_link_uc",
                table: "entity_link",
                columns: new[] { "entity_in_id", "entity_out_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_entity_link_entity_in_id",
                table: "entity_link",
                column: "entity_in_id");

            migrationBuilder.CreateIndex(
                name: "ix_entity_link_entity_out_id",
                table: "entity_link",
                column: "entity_out_id");

            migrationBuilder.CreateIndex(
                name: "entity_type_name_key",
                table: "entity_type",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_entity_type_name",
                table: "entity_type",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_entity_version_entity_id",
                table: "entity_version",
                column: "entity_id");

            migrationBuilder.CreateIndex(
                name: "ix_entity_version_person_id",
                table: "entity_version",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "file_status_name_key",
                table: "file_status",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "hardware_item_name_key",
                table: "hardware_item",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "hardware_item_department_link_uc",
                table: "hardware_item_department_link",
                columns: new[] { "hardware_item_id", "department_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hardware_item_department_link_department_id",
                table: "hardware_item_department_link",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_hardware_item_department_link_hardware_item_id",
                table: "hardware_item_department_link",
                column: "hardware_item_id");

            migrationBuilder.CreateIndex(
                name: "ix_login_log_person_id",
                table: "login_log",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_metadata_descriptor_entity_type",
                table: "metadata_descriptor",
                column: "entity_type");

            migrationBuilder.CreateIndex(
                name: "ix_metadata_descriptor_for_client",
                table: "metadata_descriptor",
                column: "for_client");

            migrationBuilder.CreateIndex(
                name: "ix_metadata_descriptor_project_id",
                table: "metadata_descriptor",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_metadata_descriptor_task_type_id",
                table: "metadata_descriptor",
                column: "task_type_id");

            migrationBuilder.CreateIndex(
                name: "metadata_descriptor_task_type_uc",
                table: "metadata_descriptor",
                columns: new[] { "project_id", "entity_type", "task_type_id", "name" },
                unique: true,
                filter: "task_type_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "metadata_descriptor_task_type_uc2",
                table: "metadata_descriptor",
                columns: new[] { "project_id", "entity_type", "task_type_id", "field_name" },
                unique: true,
                filter: "task_type_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "metadata_descriptor_uc",
                table: "metadata_descriptor",
                columns: new[] { "project_id", "entity_type", "name" },
                unique: true,
                filter: "task_type_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "metadata_descriptor_uc2",
                table: "metadata_descriptor",
                columns: new[] { "project_id", "entity_type", "field_name" },
                unique: true,
                filter: "task_type_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_milestone_project_id",
                table: "milestone",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_milestone_task_type_id",
                table: "milestone",
                column: "task_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_news_author_id",
                table: "news",
                column: "author_id");

            migrationBuilder.CreateIndex(
                name: "ix_news_comment_id",
                table: "news",
                column: "comment_id");

            migrationBuilder.CreateIndex(
                name: "ix_news_preview_file_id",
                table: "news",
                column: "preview_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_news_task_id",
                table: "news",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "ix_notification_author_id",
                table: "notification",
                column: "author_id");

            migrationBuilder.CreateIndex(
                name: "ix_notification_comment_id",
                table: "notification",
                column: "comment_id");

            migrationBuilder.CreateIndex(
                name: "ix_notification_person_id",
                table: "notification",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_notification_playlist_id",
                table: "notification",
                column: "playlist_id");

            migrationBuilder.CreateIndex(
                name: "ix_notification_reply_id",
                table: "notification",
                column: "reply_id");

            migrationBuilder.CreateIndex(
                name: "ix_notification_task_id",
                table: "notification",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "notification_uc",
                table: "notification",
                columns: new[] { "person_id", "author_id", "comment_id", "reply_id", "playlist_id", "type" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "organisation_name_key",
                table: "organisation",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_output_file_asset_instance_id",
                table: "output_file",
                column: "asset_instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_output_file_entity_id",
                table: "output_file",
                column: "entity_id");

            migrationBuilder.CreateIndex(
                name: "ix_output_file_file_status_id",
                table: "output_file",
                column: "file_status_id");

            migrationBuilder.CreateIndex(
                name: "ix_output_file_output_type_id",
                table: "output_file",
                column: "output_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_output_file_person_id",
                table: "output_file",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_output_file_representation",
                table: "output_file",
                column: "representation");

            migrationBuilder.CreateIndex(
                name: "ix_output_file_source_file_id",
                table: "output_file",
                column: "source_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_output_file_task_type_id",
                table: "output_file",
                column: "task_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_output_file_temporal_entity_id",
                table: "output_file",
                column: "temporal_entity_id");

            migrationBuilder.CreateIndex(
                name: "output_file_uc",
                table: "output_file",
                columns: new[] { "name", "entity_id", "asset_instance_id", "output_type_id", "task_type_id", "temporal_entity_id", "representation", "revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_output_type_name",
                table: "output_type",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "output_type_name_key",
                table: "output_type",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_person_studio_id",
                table: "person",
                column: "studio_id");

            migrationBuilder.CreateIndex(
                name: "only_one_email_by_person",
                table: "person",
                columns: new[] { "email", "is_bot" },
                unique: true,
                filter: "is_bot IS NOT TRUE");

            migrationBuilder.CreateIndex(
                name: "person_jti_key",
                table: "person",
                column: "jti",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "person_ldap_uid_key",
                table: "person",
                column: "ldap_uid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "person_shotgun_id_key",
                table: "person",
                column: "shotgun_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_playlist_created_by",
                table: "playlist",
                column: "created_by");

            migrationBuilder.CreateIndex(
                name: "ix_playlist_episode_id",
                table: "playlist",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_playlist_for_client",
                table: "playlist",
                column: "for_client");

            migrationBuilder.CreateIndex(
                name: "ix_playlist_for_entity",
                table: "playlist",
                column: "for_entity");

            migrationBuilder.CreateIndex(
                name: "ix_playlist_project_id",
                table: "playlist",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_playlist_task_type_id",
                table: "playlist",
                column: "task_type_id");

            migrationBuilder.CreateIndex(
                name: "playlist_uc",
                table: "playlist",
                columns: new[] { "name", "project_id", "episode_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_playlist_share_link_created_by",
                table: "playlist_share_link",
                column: "created_by");

            migrationBuilder.CreateIndex(
                name: "ix_playlist_share_link_playlist_active",
                table: "playlist_share_link",
                columns: new[] { "playlist_id", "is_active" });

            migrationBuilder.CreateIndex(
                name: "ix_playlist_share_link_playlist_id",
                table: "playlist_share_link",
                column: "playlist_id");

            migrationBuilder.CreateIndex(
                name: "ix_playlist_share_link_token",
                table: "playlist_share_link",
                column: "token");

            migrationBuilder.CreateIndex(
                name: "playlist_share_link_token_key",
                table: "playlist_share_link",
                column: "token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plugin_name",
                table: "plugin",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_plugin_plugin_id",
                table: "plugin",
                column: "plugin_id");

            migrationBuilder.CreateIndex(
                name: "plugin_plugin_id_key",
                table: "plugin",
                column: "plugin_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_preview_background_file_is_default",
                table: "preview_background_file",
                column: "is_default");

            migrationBuilder.CreateIndex(
                name: "IX_preview_file_person_id",
                table: "preview_file",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_preview_file_source_file_id",
                table: "preview_file",
                column: "source_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_preview_file_task_id",
                table: "preview_file",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "preview_file_shotgun_id_key",
                table: "preview_file",
                column: "shotgun_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "preview_uc",
                table: "preview_file",
                columns: new[] { "name", "task_id", "revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_production_schedule_version_production_schedule_from",
                table: "production_schedule_version",
                column: "production_schedule_from");

            migrationBuilder.CreateIndex(
                name: "ix_production_schedule_version_project_id",
                table: "production_schedule_version",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "production_schedule_version_uc",
                table: "production_schedule_version",
                columns: new[] { "name", "project_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_production_schedule_version_task_link_production_schedule_version_id",
                table: "production_schedule_version_task_link",
                column: "production_schedule_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_production_schedule_version_task_link_task_id",
                table: "production_schedule_version_task_link",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "production_schedule_version_task_link_uc",
                table: "production_schedule_version_task_link",
                columns: new[] { "production_schedule_version_id", "task_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_production_schedule_version_task_link_person_link_person_id",
                table: "production_schedule_version_task_link_person_link",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_default_preview_background_file_id",
                table: "project",
                column: "default_preview_background_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_from_schedule_version_id",
                table: "project",
                column: "from_schedule_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_name",
                table: "project",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_project_project_status_id",
                table: "project",
                column: "project_status_id");

            migrationBuilder.CreateIndex(
                name: "project_name_key",
                table: "project",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_project_asset_type_link_asset_type_id",
                table: "project_asset_type_link",
                column: "asset_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_asset_type_link_project_id",
                table: "project_asset_type_link",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_person_link_person_id",
                table: "project_person_link",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_person_link_project_id",
                table: "project_person_link",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_preview_background_file_link_preview_background_file_id",
                table: "project_preview_background_file_link",
                column: "preview_background_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_preview_background_file_link_project_id",
                table: "project_preview_background_file_link",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_status_name",
                table: "project_status",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "project_status_name_key",
                table: "project_status",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_project_status_automation_link_project_id",
                table: "project_status_automation_link",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_status_automation_link_status_automation_id",
                table: "project_status_automation_link",
                column: "status_automation_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_task_status_link_project_id",
                table: "project_task_status_link",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_task_status_link_task_status_id",
                table: "project_task_status_link",
                column: "task_status_id");

            migrationBuilder.CreateIndex(
                name: "project_taskstatus_uc",
                table: "project_task_status_link",
                columns: new[] { "project_id", "task_status_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_project_task_type_link_project_id",
                table: "project_task_type_link",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_task_type_link_task_type_id",
                table: "project_task_type_link",
                column: "task_type_id");

            migrationBuilder.CreateIndex(
                name: "project_tasktype_uc",
                table: "project_task_type_link",
                columns: new[] { "project_id", "task_type_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_project_template_default_preview_background_file_id",
                table: "project_template",
                column: "default_preview_background_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_template_name",
                table: "project_template",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "project_template_name_key",
                table: "project_template",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_project_template_asset_type_link_asset_type_id",
                table: "project_template_asset_type_link",
                column: "asset_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_template_asset_type_link_project_template_id",
                table: "project_template_asset_type_link",
                column: "project_template_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_template_preview_background_file_link_preview_background_file_id",
                table: "project_template_preview_background_file_link",
                column: "preview_background_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_template_preview_background_file_link_project_template_id",
                table: "project_template_preview_background_file_link",
                column: "project_template_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_template_status_automation_link_project_template_id",
                table: "project_template_status_automation_link",
                column: "project_template_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_template_status_automation_link_status_automation_id",
                table: "project_template_status_automation_link",
                column: "status_automation_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_template_task_status_link_project_template_id",
                table: "project_template_task_status_link",
                column: "project_template_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_template_task_status_link_task_status_id",
                table: "project_template_task_status_link",
                column: "task_status_id");

            migrationBuilder.CreateIndex(
                name: "project_template_taskstatus_uc",
                table: "project_template_task_status_link",
                columns: new[] { "project_template_id", "task_status_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_project_template_task_type_link_project_template_id",
                table: "project_template_task_type_link",
                column: "project_template_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_template_task_type_link_task_type_id",
                table: "project_template_task_type_link",
                column: "task_type_id");

            migrationBuilder.CreateIndex(
                name: "project_template_tasktype_uc",
                table: "project_template_task_type_link",
                columns: new[] { "project_template_id", "task_type_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_salary_scale_department_id",
                table: "salary_scale",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_schedule_item_object_id",
                table: "schedule_item",
                column: "object_id");

            migrationBuilder.CreateIndex(
                name: "ix_schedule_item_project_id",
                table: "schedule_item",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_schedule_item_task_type_id",
                table: "schedule_item",
                column: "task_type_id");

            migrationBuilder.CreateIndex(
                name: "schedule_item_uc",
                table: "schedule_item",
                columns: new[] { "project_id", "task_type_id", "object_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_search_filter_department_id",
                table: "search_filter",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "IX_search_filter_search_filter_group_id",
                table: "search_filter",
                column: "search_filter_group_id");

            migrationBuilder.CreateIndex(
                name: "ix_search_filter_list_type",
                table: "search_filter",
                column: "list_type");

            migrationBuilder.CreateIndex(
                name: "ix_search_filter_person_id",
                table: "search_filter",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_search_filter_project_id",
                table: "search_filter",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "IX_search_filter_group_department_id",
                table: "search_filter_group",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_search_filter_group_list_type",
                table: "search_filter_group",
                column: "list_type");

            migrationBuilder.CreateIndex(
                name: "ix_search_filter_group_person_id",
                table: "search_filter_group",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_search_filter_group_project_id",
                table: "search_filter_group",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_slate_revoked_token_expires_at",
                table: "slate_revoked_token",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "software_name_key",
                table: "software",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_software_department_link_department_id",
                table: "software_department_link",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_software_department_link_software_id",
                table: "software_department_link",
                column: "software_id");

            migrationBuilder.CreateIndex(
                name: "software_department_link_uc",
                table: "software_department_link",
                columns: new[] { "department_id", "software_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_status_automation_in_task_status_id",
                table: "status_automation",
                column: "in_task_status_id");

            migrationBuilder.CreateIndex(
                name: "ix_status_automation_in_task_type_id",
                table: "status_automation",
                column: "in_task_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_status_automation_out_task_status_id",
                table: "status_automation",
                column: "out_task_status_id");

            migrationBuilder.CreateIndex(
                name: "ix_status_automation_out_task_type_id",
                table: "status_automation",
                column: "out_task_type_id");

            migrationBuilder.CreateIndex(
                name: "studio_name_key",
                table: "studio",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_subscription_entity_id",
                table: "subscription",
                column: "entity_id");

            migrationBuilder.CreateIndex(
                name: "ix_subscription_person_id",
                table: "subscription",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_subscription_task_id",
                table: "subscription",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "ix_subscription_task_type_id",
                table: "subscription",
                column: "task_type_id");

            migrationBuilder.CreateIndex(
                name: "subscription_entity_uc",
                table: "subscription",
                columns: new[] { "person_id", "task_type_id", "entity_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "subscription_task_uc",
                table: "subscription",
                columns: new[] { "person_id", "task_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_task_assigner_id",
                table: "task",
                column: "assigner_id");

            migrationBuilder.CreateIndex(
                name: "ix_task_entity_id",
                table: "task",
                column: "entity_id");

            migrationBuilder.CreateIndex(
                name: "ix_task_project_id",
                table: "task",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_task_task_status_id",
                table: "task",
                column: "task_status_id");

            migrationBuilder.CreateIndex(
                name: "ix_task_task_type_id",
                table: "task",
                column: "task_type_id");

            migrationBuilder.CreateIndex(
                name: "task_uc",
                table: "task",
                columns: new[] { "name", "project_id", "task_type_id", "entity_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_task_person_link_person_id",
                table: "task_person_link",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_task_status_is_default",
                table: "task_status",
                column: "is_default");

            migrationBuilder.CreateIndex(
                name: "ix_task_status_is_done",
                table: "task_status",
                column: "is_done");

            migrationBuilder.CreateIndex(
                name: "ix_task_status_is_feedback_request",
                table: "task_status",
                column: "is_feedback_request");

            migrationBuilder.CreateIndex(
                name: "ix_task_status_is_wip",
                table: "task_status",
                column: "is_wip");

            migrationBuilder.CreateIndex(
                name: "ix_task_status_short_name",
                table: "task_status",
                column: "short_name");

            migrationBuilder.CreateIndex(
                name: "task_status_short_name_key",
                table: "task_status",
                column: "short_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_task_type_department_id",
                table: "task_type",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_task_type_shotgun_id",
                table: "task_type",
                column: "shotgun_id");

            migrationBuilder.CreateIndex(
                name: "task_type_uc",
                table: "task_type",
                columns: new[] { "name", "for_entity", "department_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_task_type_asset_type_link_asset_type_id",
                table: "task_type_asset_type_link",
                column: "asset_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_task_type_asset_type_link_task_type_id",
                table: "task_type_asset_type_link",
                column: "task_type_id");

            migrationBuilder.CreateIndex(
                name: "task_type_asset_type_link_uc",
                table: "task_type_asset_type_link",
                columns: new[] { "asset_type_id", "task_type_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_time_spent_person_id",
                table: "time_spent",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_time_spent_task_id",
                table: "time_spent",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "time_spent_uc",
                table: "time_spent",
                columns: new[] { "person_id", "task_id", "date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_working_file_entity_id",
                table: "working_file",
                column: "entity_id");

            migrationBuilder.CreateIndex(
                name: "ix_working_file_person_id",
                table: "working_file",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_working_file_shotgun_id",
                table: "working_file",
                column: "shotgun_id");

            migrationBuilder.CreateIndex(
                name: "ix_working_file_software_id",
                table: "working_file",
                column: "software_id");

            migrationBuilder.CreateIndex(
                name: "ix_working_file_task_id",
                table: "working_file",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "working_file_uc",
                table: "working_file",
                columns: new[] { "name", "task_id", "entity_id", "revision" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "api_event_project_id_fkey",
                table: "api_event",
                column: "project_id",
                principalTable: "project",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "asset_instance_asset_id_fkey",
                table: "asset_instance",
                column: "asset_id",
                principalTable: "entity",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "asset_instance_entity_id_fkey",
                table: "asset_instance",
                column: "entity_id",
                principalTable: "entity",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "asset_instance_scene_id_fkey",
                table: "asset_instance",
                column: "scene_id",
                principalTable: "entity",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "asset_instance_target_asset_id_fkey",
                table: "asset_instance",
                column: "target_asset_id",
                principalTable: "entity",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "asset_instance_link_entity_id_fkey",
                table: "asset_instance_link",
                column: "entity_id",
                principalTable: "entity",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "attachment_file_comment_id_fkey",
                table: "attachment_file",
                column: "comment_id",
                principalTable: "comment",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "budget_project_id_fkey",
                table: "budget",
                column: "project_id",
                principalTable: "project",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "build_job_playlist_id_fkey",
                table: "build_job",
                column: "playlist_id",
                principalTable: "playlist",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "comment_preview_file_id_fkey",
                table: "comment",
                column: "preview_file_id",
                principalTable: "preview_file",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "comment_preview_link_preview_file_fkey",
                table: "comment_preview_link",
                column: "preview_file",
                principalTable: "preview_file",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "department_metadata_descriptor_link_metadata_descriptor_id_fkey",
                table: "department_metadata_descriptor_link",
                column: "metadata_descriptor_id",
                principalTable: "metadata_descriptor",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "entity_preview_file_id_fkey",
                table: "entity",
                column: "preview_file_id",
                principalTable: "preview_file",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "entity_project_id_fkey",
                table: "entity",
                column: "project_id",
                principalTable: "project",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "metadata_descriptor_project_id_fkey",
                table: "metadata_descriptor",
                column: "project_id",
                principalTable: "project",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "milestone_project_id_fkey",
                table: "milestone",
                column: "project_id",
                principalTable: "project",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "news_preview_file_id_fkey",
                table: "news",
                column: "preview_file_id",
                principalTable: "preview_file",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "news_task_id_fkey",
                table: "news",
                column: "task_id",
                principalTable: "task",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "notification_playlist_id_fkey",
                table: "notification",
                column: "playlist_id",
                principalTable: "playlist",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "notification_task_id_fkey",
                table: "notification",
                column: "task_id",
                principalTable: "task",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "output_file_source_file_id_fkey",
                table: "output_file",
                column: "source_file_id",
                principalTable: "working_file",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "playlist_project_id_fkey",
                table: "playlist",
                column: "project_id",
                principalTable: "project",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "preview_file_task_id_fkey",
                table: "preview_file",
                column: "task_id",
                principalTable: "task",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "production_schedule_version_project_id_fkey",
                table: "production_schedule_version",
                column: "project_id",
                principalTable: "project",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "entity_project_id_fkey",
                table: "entity");

            migrationBuilder.DropForeignKey(
                name: "production_schedule_version_project_id_fkey",
                table: "production_schedule_version");

            migrationBuilder.DropForeignKey(
                name: "task_project_id_fkey",
                table: "task");

            migrationBuilder.DropForeignKey(
                name: "entity_created_by_fkey",
                table: "entity");

            migrationBuilder.DropForeignKey(
                name: "output_file_person_id_fkey",
                table: "output_file");

            migrationBuilder.DropForeignKey(
                name: "preview_file_person_id_fkey",
                table: "preview_file");

            migrationBuilder.DropForeignKey(
                name: "task_assigner_id_fkey",
                table: "task");

            migrationBuilder.DropForeignKey(
                name: "working_file_person_id_fkey",
                table: "working_file");

            migrationBuilder.DropForeignKey(
                name: "asset_instance_asset_id_fkey",
                table: "asset_instance");

            migrationBuilder.DropForeignKey(
                name: "asset_instance_entity_id_fkey",
                table: "asset_instance");

            migrationBuilder.DropForeignKey(
                name: "asset_instance_scene_id_fkey",
                table: "asset_instance");

            migrationBuilder.DropForeignKey(
                name: "asset_instance_target_asset_id_fkey",
                table: "asset_instance");

            migrationBuilder.DropForeignKey(
                name: "output_file_entity_id_fkey",
                table: "output_file");

            migrationBuilder.DropForeignKey(
                name: "output_file_temporal_entity_id_fkey",
                table: "output_file");

            migrationBuilder.DropForeignKey(
                name: "task_entity_id_fkey",
                table: "task");

            migrationBuilder.DropForeignKey(
                name: "working_file_entity_id_fkey",
                table: "working_file");

            migrationBuilder.DropTable(
                name: "api_event");

            migrationBuilder.DropTable(
                name: "asset_instance_link");

            migrationBuilder.DropTable(
                name: "attachment_file");

            migrationBuilder.DropTable(
                name: "budget_entry");

            migrationBuilder.DropTable(
                name: "build_job");

            migrationBuilder.DropTable(
                name: "chat_participant");

            migrationBuilder.DropTable(
                name: "comment_acknoledgments");

            migrationBuilder.DropTable(
                name: "comment_department_mentions");

            migrationBuilder.DropTable(
                name: "comment_mentions");

            migrationBuilder.DropTable(
                name: "comment_preview_link");

            migrationBuilder.DropTable(
                name: "custom_action");

            migrationBuilder.DropTable(
                name: "data_import_error");

            migrationBuilder.DropTable(
                name: "day_off");

            migrationBuilder.DropTable(
                name: "department_link");

            migrationBuilder.DropTable(
                name: "department_metadata_descriptor_link");

            migrationBuilder.DropTable(
                name: "desktop_login_log");

            migrationBuilder.DropTable(
                name: "entity_concept_link");

            migrationBuilder.DropTable(
                name: "entity_link");

            migrationBuilder.DropTable(
                name: "entity_version");

            migrationBuilder.DropTable(
                name: "hardware_item_department_link");

            migrationBuilder.DropTable(
                name: "login_log");

            migrationBuilder.DropTable(
                name: "milestone");

            migrationBuilder.DropTable(
                name: "news");

            migrationBuilder.DropTable(
                name: "notification");

            migrationBuilder.DropTable(
                name: "organisation");

            migrationBuilder.DropTable(
                name: "playlist_share_link");

            migrationBuilder.DropTable(
                name: "plugin");

            migrationBuilder.DropTable(
                name: "production_schedule_version_task_link_person_link");

            migrationBuilder.DropTable(
                name: "project_asset_type_link");

            migrationBuilder.DropTable(
                name: "project_person_link");

            migrationBuilder.DropTable(
                name: "project_preview_background_file_link");

            migrationBuilder.DropTable(
                name: "project_status_automation_link");

            migrationBuilder.DropTable(
                name: "project_task_status_link");

            migrationBuilder.DropTable(
                name: "project_task_type_link");

            migrationBuilder.DropTable(
                name: "project_template_asset_type_link");

            migrationBuilder.DropTable(
                name: "project_template_preview_background_file_link");

            migrationBuilder.DropTable(
                name: "project_template_status_automation_link");

            migrationBuilder.DropTable(
                name: "project_template_task_status_link");

            migrationBuilder.DropTable(
                name: "project_template_task_type_link");

            migrationBuilder.DropTable(
                name: "salary_scale");

            migrationBuilder.DropTable(
                name: "schedule_item");

            migrationBuilder.DropTable(
                name: "search_filter");

            migrationBuilder.DropTable(
                name: "slate_password_change");

            migrationBuilder.DropTable(
                name: "slate_revoked_token");

            migrationBuilder.DropTable(
                name: "software_department_link");

            migrationBuilder.DropTable(
                name: "subscription");

            migrationBuilder.DropTable(
                name: "task_person_link");

            migrationBuilder.DropTable(
                name: "task_type_asset_type_link");

            migrationBuilder.DropTable(
                name: "time_spent");

            migrationBuilder.DropTable(
                name: "chat_message");

            migrationBuilder.DropTable(
                name: "budget");

            migrationBuilder.DropTable(
                name: "metadata_descriptor");

            migrationBuilder.DropTable(
                name: "hardware_item");

            migrationBuilder.DropTable(
                name: "comment");

            migrationBuilder.DropTable(
                name: "playlist");

            migrationBuilder.DropTable(
                name: "production_schedule_version_task_link");

            migrationBuilder.DropTable(
                name: "status_automation");

            migrationBuilder.DropTable(
                name: "project_template");

            migrationBuilder.DropTable(
                name: "search_filter_group");

            migrationBuilder.DropTable(
                name: "chat");

            migrationBuilder.DropTable(
                name: "project");

            migrationBuilder.DropTable(
                name: "preview_background_file");

            migrationBuilder.DropTable(
                name: "production_schedule_version");

            migrationBuilder.DropTable(
                name: "project_status");

            migrationBuilder.DropTable(
                name: "person");

            migrationBuilder.DropTable(
                name: "studio");

            migrationBuilder.DropTable(
                name: "entity");

            migrationBuilder.DropTable(
                name: "preview_file");

            migrationBuilder.DropTable(
                name: "output_file");

            migrationBuilder.DropTable(
                name: "asset_instance");

            migrationBuilder.DropTable(
                name: "file_status");

            migrationBuilder.DropTable(
                name: "output_type");

            migrationBuilder.DropTable(
                name: "working_file");

            migrationBuilder.DropTable(
                name: "entity_type");

            migrationBuilder.DropTable(
                name: "software");

            migrationBuilder.DropTable(
                name: "task");

            migrationBuilder.DropTable(
                name: "task_status");

            migrationBuilder.DropTable(
                name: "task_type");

            migrationBuilder.DropTable(
                name: "department");
        }
    }
}
