using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanVan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LeastPrivilege : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "VerdictPinFailures",
                table: "Petitions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "VerdictPinHash",
                table: "Petitions",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StampHash",
                table: "ApiTokens",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PetitionEvents_OrganizationId_Action_PetitionId",
                table: "PetitionEvents",
                columns: new[] { "OrganizationId", "Action", "PetitionId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PetitionEvents_OrganizationId_Action_PetitionId",
                table: "PetitionEvents");

            migrationBuilder.DropColumn(
                name: "VerdictPinFailures",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "VerdictPinHash",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "StampHash",
                table: "ApiTokens");
        }
    }
}
