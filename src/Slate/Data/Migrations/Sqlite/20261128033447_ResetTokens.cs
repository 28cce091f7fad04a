using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slate.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResetTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "slate_reset_token",
                columns: table => new
                {
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("slate_reset_token_pkey", x => x.person_id);
                    table.ForeignKey(
                        name: "slate_reset_token_person_id_fkey",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "slate_reset_token");
        }
    }
}
