using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanVan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProgramDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ProgramId",
                table: "CaseDocuments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseDocuments_ProgramId",
                table: "CaseDocuments",
                column: "ProgramId");

            migrationBuilder.AddForeignKey(
                name: "FK_CaseDocuments_WorkPrograms_ProgramId",
                table: "CaseDocuments",
                column: "ProgramId",
                principalTable: "WorkPrograms",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CaseDocuments_WorkPrograms_ProgramId",
                table: "CaseDocuments");

            migrationBuilder.DropIndex(
                name: "IX_CaseDocuments_ProgramId",
                table: "CaseDocuments");

            migrationBuilder.DropColumn(
                name: "ProgramId",
                table: "CaseDocuments");
        }
    }
}
