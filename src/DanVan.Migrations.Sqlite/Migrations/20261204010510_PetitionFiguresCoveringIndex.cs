using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanVan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PetitionFiguresCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Petitions_ProvinceId_Status_DueOn",
                table: "Petitions");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_ProvinceId_Figures",
                table: "Petitions",
                columns: new[] { "ProvinceId", "Status", "DueOn", "CategoryId", "AssignedOrganizationId", "AnsweredOnTime", "EscalatedToUnitId", "DaysToAnswer", "ReceivedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Petitions_ProvinceId_Figures",
                table: "Petitions");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_ProvinceId_Status_DueOn",
                table: "Petitions",
                columns: new[] { "ProvinceId", "Status", "DueOn" });
        }
    }
}
