using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DanVan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Campaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CampaignId",
                table: "CaseDocuments",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CampaignFigureRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FigureId = table.Column<long>(type: "bigint", nullable: false),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    IndicatorId = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    OldValue = table.Column<long>(type: "bigint", nullable: true),
                    NewValue = table.Column<long>(type: "bigint", nullable: true),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AccountId = table.Column<int>(type: "integer", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignFigureRevisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Campaigns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    UnitLevel = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ReportingLevel = table.Column<int>(type: "integer", nullable: false),
                    SearchText = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Campaigns_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Campaigns_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CampaignSeries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    IndicatorId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    Delta = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignSeries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CampaignTotals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    IndicatorId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    UnitLevel = table.Column<int>(type: "integer", nullable: false),
                    ParentUnitId = table.Column<int>(type: "integer", nullable: true),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    Actual = table.Column<long>(type: "bigint", nullable: false),
                    ExplicitTarget = table.Column<long>(type: "bigint", nullable: true),
                    ChildTarget = table.Column<long>(type: "bigint", nullable: false),
                    Target = table.Column<long>(type: "bigint", nullable: false),
                    FigureCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignTotals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CampaignIndicators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Measure = table.Column<int>(type: "integer", nullable: false),
                    CustomMeasure = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Aggregation = table.Column<int>(type: "integer", nullable: false),
                    Direction = table.Column<int>(type: "integer", nullable: false),
                    Frequency = table.Column<int>(type: "integer", nullable: false),
                    Decimals = table.Column<int>(type: "integer", nullable: false),
                    AllowNegative = table.Column<bool>(type: "boolean", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignIndicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CampaignIndicators_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CampaignModels",
                columns: table => new
                {
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    ModelId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignModels", x => new { x.CampaignId, x.ModelId });
                    table.ForeignKey(
                        name: "FK_CampaignModels_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CampaignModels_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CampaignParticipants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CampaignParticipants_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CampaignParticipants_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CampaignPeriodLocks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    Frequency = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    LockedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignPeriodLocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CampaignPeriodLocks_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CampaignFigures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    IndicatorId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignFigures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CampaignFigures_CampaignIndicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "CampaignIndicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CampaignFigures_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CampaignTargets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    IndicatorId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: true),
                    VillageId = table.Column<int>(type: "integer", nullable: true),
                    Value = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CampaignTargets_CampaignIndicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "CampaignIndicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CampaignTargets_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseDocuments_CampaignId",
                table: "CaseDocuments",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignFigureRevisions_CampaignId_UnitId_Period",
                table: "CampaignFigureRevisions",
                columns: new[] { "CampaignId", "UnitId", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignFigureRevisions_FigureId_At",
                table: "CampaignFigureRevisions",
                columns: new[] { "FigureId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignFigures_CampaignId_Period",
                table: "CampaignFigures",
                columns: new[] { "CampaignId", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignFigures_CommuneId_CampaignId_Period",
                table: "CampaignFigures",
                columns: new[] { "CommuneId", "CampaignId", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignFigures_IndicatorId_UnitId_Period",
                table: "CampaignFigures",
                columns: new[] { "IndicatorId", "UnitId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CampaignFigures_UnitId",
                table: "CampaignFigures",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignIndicators_CampaignId_SortOrder",
                table: "CampaignIndicators",
                columns: new[] { "CampaignId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignModels_ModelId",
                table: "CampaignModels",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignParticipants_CampaignId_UnitId",
                table: "CampaignParticipants",
                columns: new[] { "CampaignId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CampaignParticipants_CommuneId_CampaignId",
                table: "CampaignParticipants",
                columns: new[] { "CommuneId", "CampaignId" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignParticipants_UnitId",
                table: "CampaignParticipants",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignParticipants_VillageId_CampaignId",
                table: "CampaignParticipants",
                columns: new[] { "VillageId", "CampaignId" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignPeriodLocks_CampaignId_Frequency_Period",
                table: "CampaignPeriodLocks",
                columns: new[] { "CampaignId", "Frequency", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_CommuneId_StartsOn",
                table: "Campaigns",
                columns: new[] { "CommuneId", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_OrganizationId",
                table: "Campaigns",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_ProvinceId_StartsOn",
                table: "Campaigns",
                columns: new[] { "ProvinceId", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_UnitId",
                table: "Campaigns",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignSeries_CampaignId",
                table: "CampaignSeries",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignSeries_IndicatorId_UnitId_Period",
                table: "CampaignSeries",
                columns: new[] { "IndicatorId", "UnitId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CampaignTargets_CampaignId",
                table: "CampaignTargets",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignTargets_IndicatorId_UnitId",
                table: "CampaignTargets",
                columns: new[] { "IndicatorId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CampaignTargets_UnitId",
                table: "CampaignTargets",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignTotals_CampaignId_UnitId",
                table: "CampaignTotals",
                columns: new[] { "CampaignId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignTotals_IndicatorId_ParentUnitId",
                table: "CampaignTotals",
                columns: new[] { "IndicatorId", "ParentUnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignTotals_IndicatorId_UnitId",
                table: "CampaignTotals",
                columns: new[] { "IndicatorId", "UnitId" },
                unique: true);

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

            migrationBuilder.DropTable(
                name: "CampaignFigureRevisions");

            migrationBuilder.DropTable(
                name: "CampaignFigures");

            migrationBuilder.DropTable(
                name: "CampaignModels");

            migrationBuilder.DropTable(
                name: "CampaignParticipants");

            migrationBuilder.DropTable(
                name: "CampaignPeriodLocks");

            migrationBuilder.DropTable(
                name: "CampaignSeries");

            migrationBuilder.DropTable(
                name: "CampaignTargets");

            migrationBuilder.DropTable(
                name: "CampaignTotals");

            migrationBuilder.DropTable(
                name: "CampaignIndicators");

            migrationBuilder.DropTable(
                name: "Campaigns");

            migrationBuilder.DropIndex(
                name: "IX_CaseDocuments_CampaignId",
                table: "CaseDocuments");

            migrationBuilder.DropColumn(
                name: "CampaignId",
                table: "CaseDocuments");
        }
    }
}
