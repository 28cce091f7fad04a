using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slate.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Jobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "slate_job",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    run_after = table.Column<DateTime>(type: "TEXT", nullable: false),
                    claimed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    lease_expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", nullable: true),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("slate_job_pkey", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_slate_job_status_lease_expires_at",
                table: "slate_job",
                columns: new[] { "status", "lease_expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_slate_job_status_run_after",
                table: "slate_job",
                columns: new[] { "status", "run_after" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "slate_job");
        }
    }
}
