using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanVan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ReportRegime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Reports and templates made before the choice are the Party's (DocumentRegime.Party = 1).
            migrationBuilder.AddColumn<int>(
                name: "Regime",
                table: "UnitReports",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Regime",
                table: "ReportTemplateSettings",
                type: "integer",
                nullable: false,
                defaultValue: 1);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Regime",
                table: "UnitReports");

            migrationBuilder.DropColumn(
                name: "Regime",
                table: "ReportTemplateSettings");
        }
    }
}
