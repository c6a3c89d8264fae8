using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanVan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ListIndexesNewestFirst : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Petitions_CommuneId_Id",
                table: "Petitions",
                columns: new[] { "CommuneId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_ProvinceId_Id",
                table: "Petitions",
                columns: new[] { "ProvinceId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Models_CommuneId_Id",
                table: "Models",
                columns: new[] { "CommuneId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Models_ProvinceId_Id",
                table: "Models",
                columns: new[] { "ProvinceId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Petitions_CommuneId_Id",
                table: "Petitions");

            migrationBuilder.DropIndex(
                name: "IX_Petitions_ProvinceId_Id",
                table: "Petitions");

            migrationBuilder.DropIndex(
                name: "IX_Models_CommuneId_Id",
                table: "Models");

            migrationBuilder.DropIndex(
                name: "IX_Models_ProvinceId_Id",
                table: "Models");
        }
    }
}
