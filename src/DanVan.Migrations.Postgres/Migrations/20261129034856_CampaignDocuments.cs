using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanVan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CampaignDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CampaignId",
                table: "CaseDocuments",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseDocuments_CampaignId",
                table: "CaseDocuments",
                column: "CampaignId");

            migrationBuilder.AddForeignKey(
                name: "FK_CaseDocuments_Campaigns_CampaignId",
                table: "CaseDocuments",
                column: "CampaignId",
                principalTable: "Campaigns",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CaseDocuments_Campaigns_CampaignId",
                table: "CaseDocuments");

            migrationBuilder.DropIndex(
                name: "IX_CaseDocuments_CampaignId",
                table: "CaseDocuments");

            migrationBuilder.DropColumn(
                name: "CampaignId",
                table: "CaseDocuments");
        }
    }
}
