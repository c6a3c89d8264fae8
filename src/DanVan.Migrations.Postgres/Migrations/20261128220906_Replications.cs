using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DanVan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Replications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ModelResults_ModelId_IndicatorId_Year",
                table: "ModelResults");

            migrationBuilder.AddColumn<int>(
                name: "ReplicationId",
                table: "ModelResults",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ModelReplications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SourceModelId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    UnitLevel = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Adaptations = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    StatusNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelReplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModelReplications_Models_SourceModelId",
                        column: x => x.SourceModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ModelReplications_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ModelReplications_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModelResults_ModelId_IndicatorId_Year",
                table: "ModelResults",
                columns: new[] { "ModelId", "IndicatorId", "Year" },
                unique: true,
                filter: "\"ReplicationId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ModelResults_ReplicationId_IndicatorId_Year",
                table: "ModelResults",
                columns: new[] { "ReplicationId", "IndicatorId", "Year" },
                unique: true,
                filter: "\"ReplicationId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ModelReplications_CommuneId_StartDate",
                table: "ModelReplications",
                columns: new[] { "CommuneId", "StartDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelReplications_OrganizationId",
                table: "ModelReplications",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelReplications_ProvinceId_StartDate",
                table: "ModelReplications",
                columns: new[] { "ProvinceId", "StartDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelReplications_SourceModelId_UnitId",
                table: "ModelReplications",
                columns: new[] { "SourceModelId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelReplications_UnitId",
                table: "ModelReplications",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelReplications_VillageId_StartDate",
                table: "ModelReplications",
                columns: new[] { "VillageId", "StartDate" });

            migrationBuilder.AddForeignKey(
                name: "FK_ModelResults_ModelReplications_ReplicationId",
                table: "ModelResults",
                column: "ReplicationId",
                principalTable: "ModelReplications",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ModelResults_ModelReplications_ReplicationId",
                table: "ModelResults");

            migrationBuilder.DropTable(
                name: "ModelReplications");

            migrationBuilder.DropIndex(
                name: "IX_ModelResults_ModelId_IndicatorId_Year",
                table: "ModelResults");

            migrationBuilder.DropIndex(
                name: "IX_ModelResults_ReplicationId_IndicatorId_Year",
                table: "ModelResults");

            migrationBuilder.DropColumn(
                name: "ReplicationId",
                table: "ModelResults");

            migrationBuilder.CreateIndex(
                name: "IX_ModelResults_ModelId_IndicatorId_Year",
                table: "ModelResults",
                columns: new[] { "ModelId", "IndicatorId", "Year" },
                unique: true);
        }
    }
}
