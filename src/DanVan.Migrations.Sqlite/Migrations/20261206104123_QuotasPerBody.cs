using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanVan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QuotasPerBody : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StaffingQuotas_UnitId_Year",
                table: "StaffingQuotas");

            migrationBuilder.AddColumn<int>(
                name: "OrganizationId",
                table: "StaffingQuotas",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_StaffingQuotas_OrganizationId",
                table: "StaffingQuotas",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffingQuotas_UnitId_Year",
                table: "StaffingQuotas",
                columns: new[] { "UnitId", "Year" },
                unique: true,
                filter: "\"OrganizationId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_StaffingQuotas_UnitId_Year_OrganizationId",
                table: "StaffingQuotas",
                columns: new[] { "UnitId", "Year", "OrganizationId" },
                unique: true,
                filter: "\"OrganizationId\" IS NOT NULL");

            migrationBuilder.AddForeignKey(
                name: "FK_StaffingQuotas_Organizations_OrganizationId",
                table: "StaffingQuotas",
                column: "OrganizationId",
                principalTable: "Organizations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_StaffingQuotas_Organizations_OrganizationId",
                table: "StaffingQuotas");

            migrationBuilder.DropIndex(
                name: "IX_StaffingQuotas_OrganizationId",
                table: "StaffingQuotas");

            migrationBuilder.DropIndex(
                name: "IX_StaffingQuotas_UnitId_Year",
                table: "StaffingQuotas");

            migrationBuilder.DropIndex(
                name: "IX_StaffingQuotas_UnitId_Year_OrganizationId",
                table: "StaffingQuotas");

            migrationBuilder.DropColumn(
                name: "OrganizationId",
                table: "StaffingQuotas");

            migrationBuilder.CreateIndex(
                name: "IX_StaffingQuotas_UnitId_Year",
                table: "StaffingQuotas",
                columns: new[] { "UnitId", "Year" },
                unique: true);
        }
    }
}
