using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanVan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ExtensionRequestPartialIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Petitions_ProvinceId_ExtensionRequested",
                table: "Petitions",
                columns: new[] { "ProvinceId", "Status" },
                filter: "\"ExtensionRequestedTo\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Petitions_ProvinceId_ExtensionRequested",
                table: "Petitions");
        }
    }
}
