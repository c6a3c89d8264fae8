using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DanVan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Reviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ModelReviews",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    UnitLevel = table.Column<int>(type: "integer", nullable: false),
                    FromYear = table.Column<int>(type: "integer", nullable: false),
                    ToYear = table.Column<int>(type: "integer", nullable: false),
                    Conclusion = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModelReviews_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ModelReviewItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReviewId = table.Column<int>(type: "integer", nullable: false),
                    ModelId = table.Column<int>(type: "integer", nullable: false),
                    Classification = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelReviewItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModelReviewItems_ModelReviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "ModelReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ModelReviewItems_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModelReviewItems_ModelId",
                table: "ModelReviewItems",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelReviewItems_ReviewId_ModelId",
                table: "ModelReviewItems",
                columns: new[] { "ReviewId", "ModelId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ModelReviews_CommuneId",
                table: "ModelReviews",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelReviews_ProvinceId",
                table: "ModelReviews",
                column: "ProvinceId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelReviews_UnitId_FromYear_ToYear",
                table: "ModelReviews",
                columns: new[] { "UnitId", "FromYear", "ToYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ModelReviews_VillageId",
                table: "ModelReviews",
                column: "VillageId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ModelReviewItems");

            migrationBuilder.DropTable(
                name: "ModelReviews");
        }
    }
}
